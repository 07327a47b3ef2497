using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;

namespace Reroute.Silo.Api;

/// <summary>
/// Where patients answer offers, without a bearer token: the signed link (a page with Accept and Decline, and the same
/// as JSON for apps), and the SMS and IVR providers' webhooks, which prove themselves with an HMAC of the body.
/// A forged link is 401; a reused, expired or withdrawn one is 410; neither changes anything.
/// </summary>
internal static class PatientReplyEndpoints
{
    /// <summary>The webhook outcome of a message that answered nothing (no open offer for the number, an unknown key).</summary>
    public const string IgnoredOutcome = "ignored";

    public static IEndpointRouteBuilder MapPatientReplyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/offers/{token}", Page).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost("/offers/{token}", AnswerForm).AllowAnonymous().ExcludeFromDescription();

        var api = endpoints.MapGroup("/api").WithTags("Patient replies").AllowAnonymous();
        api.MapPost("/offers/{token}/{answer}", AnswerJson)
            .WithName("AnswerOffer")
            .WithSummary("Accepts or declines an offer with the token from its link (answer: accept or decline).")
            .Produces<ReplyResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapPost("/webhooks/{tenant}/sms", Sms)
            .WithName("SmsReplyWebhook")
            .WithSummary("The SMS provider's inbound message: YES or NO answers the oldest open offer sent to the number. Signed with X-Reroute-Signature.")
            .Accepts<TextReply>("application/json")
            .Produces<ReplyResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/webhooks/{tenant}/ivr", Ivr)
            .WithName("IvrDigitWebhook")
            .WithSummary("The IVR provider's keypress: 1 accepts, 2 declines the offer the call was for. Signed with X-Reroute-Signature.")
            .Accepts<KeypadReply>("application/json")
            .Produces<ReplyResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<IResult> AnswerJson(string token, string answer, OfferLinks links, ReschedulingDesk desk)
    {
        if (ParseAnswer(answer) is not { } parsed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answer"] = ["must be accept or decline."] });
        }

        if (links.Verify(token) is not { } verified)
        {
            return Forged();
        }

        return await SchedulingRequest.GuardAsync(async () =>
            Outcome(await desk.AnswerAsync(verified.Tenant, verified.OfferId, new OfferReply { Answer = parsed, Nonce = verified.Nonce, Via = ReplyChannel.Api })));
    }

    private static async Task<IResult> Page(string token, string? answer, OfferLinks links, IGrainFactory grains)
    {
        if (links.Verify(token) is not { } verified
            || await grains.GetGrain<IOfferGrain>(SchedulingKeys.Of(verified.Tenant, verified.OfferId)).Get() is not { } offer)
        {
            return Html(StatusCodes.Status401Unauthorized, "This link is not valid", "<p>Please use the link from your message, or call your clinic.</p>");
        }

        var when = WebUtility.HtmlEncode(offer.Slot.Start.ToString(OfferGrain.MessageTimeFormat, CultureInfo.InvariantCulture));
        var clinic = WebUtility.HtmlEncode(offer.Slot.ClinicId);
        if (offer.Status != OfferStatus.Open)
        {
            return Html(StatusCodes.Status200OK, "This offer is closed", $"<p>The offer of {when} at clinic {clinic} is {offer.Status.ToString().ToLowerInvariant()}.</p>");
        }

        var chosen = ParseAnswer(answer);
        var action = WebUtility.HtmlEncode($"/offers/{token}");
        return Html(StatusCodes.Status200OK, "A new appointment time", $"""
            <p>We can offer you <strong>{when}</strong> at clinic <strong>{clinic}</strong>.</p>
            <form method="post" action="{action}">
              <button name="answer" value="accept"{(chosen == OfferAnswer.Accept ? " autofocus" : string.Empty)}>Accept this time</button>
              <button name="answer" value="decline"{(chosen == OfferAnswer.Decline ? " autofocus" : string.Empty)}>Decline</button>
            </form>
            """);
    }

    // A page posts the answer, so a mail scanner that follows links cannot answer for the patient.
    private static async Task<IResult> AnswerForm(string token, HttpContext http, OfferLinks links, ReschedulingDesk desk)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
        if (ParseAnswer(form?["answer"].ToString()) is not { } parsed)
        {
            return Html(StatusCodes.Status400BadRequest, "Please choose", "<p>Choose Accept or Decline on the previous page.</p>");
        }

        if (links.Verify(token) is not { } verified)
        {
            return Html(StatusCodes.Status401Unauthorized, "This link is not valid", "<p>Please use the link from your message, or call your clinic.</p>");
        }

        var result = await desk.AnswerAsync(verified.Tenant, verified.OfferId, new OfferReply { Answer = parsed, Nonce = verified.Nonce, Via = ReplyChannel.Link });
        return result.Outcome switch
        {
            OfferReplyOutcome.Accepted => Html(StatusCodes.Status200OK, "Booked", "<p>Thank you. Your appointment is booked; a confirmation is on its way.</p>"),
            OfferReplyOutcome.Declined => Html(StatusCodes.Status200OK, "Declined", "<p>Thank you. We will look for another time for you.</p>"),
            OfferReplyOutcome.InvalidToken => Html(StatusCodes.Status401Unauthorized, "This link is not valid", "<p>Please use the link from your latest message.</p>"),
            _ => Html(StatusCodes.Status410Gone, "This offer is closed", "<p>This offer was already answered, has expired or was withdrawn.</p>"),
        };
    }

    private static async Task<IResult> Sms(string tenant, HttpContext http, IOptions<NotificationOptions> options, ReschedulingDesk desk)
    {
        var (body, refusal) = await SignedBody(tenant, http, options.Value);
        if (refusal is not null)
        {
            return refusal;
        }

        var (reply, error) = StrictJson.Parse<TextReply>(body!);
        if (error is not null)
        {
            return error;
        }

        var result = await desk.AnswerTextAsync(tenant, reply!.From, reply.Text);

        // The provider only needs to know the message was taken; an unmatched text is not its error to retry.
        return result is null ? TypedResults.Ok(new { outcome = IgnoredOutcome }) : Outcome(result);
    }

    private static async Task<IResult> Ivr(string tenant, HttpContext http, IOptions<NotificationOptions> options, ReschedulingDesk desk)
    {
        var (body, refusal) = await SignedBody(tenant, http, options.Value);
        if (refusal is not null)
        {
            return refusal;
        }

        var (reply, error) = StrictJson.Parse<KeypadReply>(body!);
        if (error is not null)
        {
            return error;
        }

        if (SchedulingRequest.CheckId(reply!.MessageId, "messageId") is { } invalid)
        {
            return invalid;
        }

        if (ReschedulingDesk.IvrAnswer(reply.Digits) is not { } answer)
        {
            return TypedResults.Ok(new { outcome = IgnoredOutcome });
        }

        return await SchedulingRequest.GuardAsync(async () =>
            Outcome(await desk.AnswerAsync(tenant, reply.MessageId, new OfferReply { Answer = answer, Nonce = string.Empty, Via = ReplyChannel.Ivr })));
    }

    private static async Task<(byte[]? Body, IResult? Refusal)> SignedBody(string tenant, HttpContext http, NotificationOptions options)
    {
        if (options.InboundWebhookSecret.Length == 0)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Inbound webhooks are off: set Reroute:Notifications:InboundWebhookSecret."));
        }

        if (SchedulingRequest.CheckId(tenant, "tenant") is { } invalid)
        {
            return (null, invalid);
        }

        var body = await StrictJson.ReadBodyAsync(http.Request);
        return WebhookSignature.Matches(options.InboundWebhookSecret, body, http.Request.Headers[WebhookSignature.Header].ToString())
            ? (body, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"The {WebhookSignature.Header} header does not match the body."));
    }

    private static IResult Outcome(OfferReplyResult result)
    {
        var response = new ReplyResponse(result.Outcome, result.Offer.OfferId, result.Offer.Status, result.Offer.Slot);
        return result.Outcome switch
        {
            OfferReplyOutcome.Accepted or OfferReplyOutcome.Declined => SchedulingRequest.Ok(response),
            OfferReplyOutcome.InvalidToken => Forged(),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone",
                detail: $"Offer {result.Offer.OfferId} is {result.Offer.Status.ToString().ToLowerInvariant()}; the answer changed nothing."),
        };
    }

    private static IResult Forged() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The offer token is not valid.");

    private static OfferAnswer? ParseAnswer(string? answer) => answer?.ToLowerInvariant() switch
    {
        "accept" => OfferAnswer.Accept,
        "decline" => OfferAnswer.Decline,
        _ => null,
    };

    private static IResult Html(int status, string title, string body) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{WebUtility.HtmlEncode(title)}</title></head>"
        + $"<body><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);
}
