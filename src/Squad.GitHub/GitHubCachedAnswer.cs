using System.Net;
using System.Text;

namespace Squad.GitHub;

/// <summary>A cached 200: what a later 304 stands for, with the headers a reader needs (its <c>Link</c> next page too).</summary>
internal sealed record GitHubCachedAnswer(string ETag, string Body, string? ContentType, IReadOnlyList<string> Links)
{
    public static GitHubCachedAnswer From(HttpResponseMessage response, string etag, string body)
        => new(etag, body, response.Content.Headers.ContentType?.ToString(),
            response.Headers.TryGetValues("Link", out var links) ? [.. links] : []);

    public HttpResponseMessage ToResponse(HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(Body, Encoding.UTF8) };
        if (ContentType is not null)
        {
            response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        }

        response.Headers.ETag = System.Net.Http.Headers.EntityTagHeaderValue.Parse(ETag);
        foreach (var link in Links)
        {
            response.Headers.TryAddWithoutValidation("Link", link);
        }

        return response;
    }
}
