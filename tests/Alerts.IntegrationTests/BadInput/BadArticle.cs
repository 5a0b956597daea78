using Alerts.Analysis;

namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// One kind of bad upload: the file name it is uploaded under, its bytes (a stream, so a 50 MB one is generated, not held),
/// and what must happen: refused with <see cref="Reason"/>, or analysed (<see cref="Reason"/> null) and then <see cref="Check"/>ed.
/// </summary>
internal sealed record BadArticle(string File, Func<Stream> Content, string? Reason, Action<ArticleAnalysis>? Check = null)
{
    public static BadArticle Refused(string file, byte[] content, string reason) => new(file, () => new MemoryStream(content), reason);

    public static BadArticle Analysed(string file, byte[] content, Action<ArticleAnalysis> check) => new(file, () => new MemoryStream(content), null, check);
}
