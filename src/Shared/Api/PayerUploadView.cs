namespace DenialPipeline.Api;

/// <summary>An upload's answer; <c>uploadedBy</c>/<c>role</c> are this request's user (the file row keeps the first uploader of the same file).</summary>
public sealed record PayerUploadView(string FileId, string BlobName, bool AlreadyThere, string UploadedBy, string Role);
