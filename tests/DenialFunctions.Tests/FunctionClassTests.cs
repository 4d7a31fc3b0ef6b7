using DenialPipeline.Pipeline;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Delivery;
using DenialPipeline.Functions.Functions;
using DenialPipeline.Hosting;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.LocalHost;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Functions.Tests;

/// <summary>A private Azurite and the Functions app's own registration (AddDenialPipeline), with a mocked mail client.</summary>
public sealed class FunctionsFixture : IAsyncLifetime
{
    public AzuriteLauncher Azurite { get; private set; } = null!;
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteLauncher.StartPrivateAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Delivery:PublicBaseUrl"] = "https://denials.example",
            ["WEBSITE_AUTH_ENABLED"] = "True", // what App Service injects when Easy Auth is on: X-MS-CLIENT-PRINCIPAL is trusted
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config);
        services.AddDenialPipeline(config);
        Services = services.BuildServiceProvider();
        await Services.GetRequiredService<StorageSetup>().EnsureCreatedAsync();
        var import = Services.GetRequiredService<RecordsImport>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples", "records")))
            await import.ImportAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file));
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public object Create(Type type) => ActivatorUtilities.CreateInstance(Services, type);

    /// <summary>The Deliver function over the real handler with the given (mocked) mail client.</summary>
    public DeliverFunction Deliver(ISendGridClient mail) =>
        new(Services.GetRequiredService<StageRunner>(), ActivatorUtilities.CreateInstance<DeliverHandler>(Services, mail));

    /// <summary>Takes the next message from a queue, as the trigger would hand it to a function.</summary>
    public async Task<QueueMessage> ReceiveAsync(string queue, long dequeueCount = 1)
    {
        var client = Services.GetRequiredService<QueueServiceClient>().GetQueueClient(queue);
        var r = await client.ReceiveMessageAsync();
        Assert.NotNull(r.Value);
        await client.DeleteMessageAsync(r.Value.MessageId, r.Value.PopReceipt);
        return QueuesModelFactory.QueueMessage(r.Value.MessageId, r.Value.PopReceipt, r.Value.Body, dequeueCount);
    }
}

public sealed class FunctionClassTests(FunctionsFixture f) : IClassFixture<FunctionsFixture>
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name));

    [Fact]
    public async Task StageFunctions_IngestResearchDraftDeliver_CarryADenialToASentLetter()
    {
        var mail = new Mock<ISendGridClient>();
        mail.Setup(m => m.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Response(HttpStatusCode.Accepted, null, null));
        var drop = await f.Services.GetRequiredService<DropClient>().DropAsync("medicare.835",
            System.Text.Encoding.UTF8.GetBytes(Sample("medicare-part-b-2026-11-05.835")), enqueue: true);

        await f.Create<IngestFunction>().RunAsync(await f.ReceiveAsync(StorageNames.Queues.DenialFiles), CancellationToken.None);
        var cases = await f.Services.GetRequiredService<CaseStore>().ListAsync(CaseStatus.New);
        Assert.Equal(4, cases.Count(c => c.FileId == drop.FileId));

        // One research message names the file's four denials (CaseBatch); research asks for their drafting in one message.
        var research = await f.ReceiveAsync(StorageNames.Queues.DenialResearch);
        Assert.Equal(4, MessageJson.TryDeserialize<ResearchRequested>(research.MessageText)!.CaseIds.Count);
        await f.Create<ResearchFunction>().RunAsync(research, CancellationToken.None);
        Assert.Equal(4, (await f.Services.GetRequiredService<CaseStore>().ListAsync(CaseStatus.Researched)).Count);

        var drafting = await f.ReceiveAsync(StorageNames.Queues.DenialDrafting);
        Assert.Equal(4, MessageJson.TryDeserialize<DraftRequested>(drafting.MessageText)!.CaseIds.Count);
        await f.Create<DraftFunction>().RunAsync(drafting, CancellationToken.None);
        var pending = await f.Services.GetRequiredService<LetterStore>().ListAsync(LetterStatus.PendingApproval);
        Assert.Equal(4, pending.Count);

        // Nothing goes out with a "needs input" field open: the coder fills them first (this fixture's records lack some).
        var reviewer = f.Services.GetRequiredService<DenialPipeline.Review.ReviewHandler>();
        var coder = new SignedInUser("test", Role.Coder);
        var letter = pending.First();
        var open = DenialPipeline.Review.ReviewHandler.OpenFields(letter);
        if (open.Count > 0)
        {
            Assert.Equal(DenialPipeline.Operations.Outcome.NeedsInput, (await reviewer.ApproveAsync(letter.LetterId, coder)).Outcome);
            var filled = await reviewer.EditAsync(letter.LetterId, coder, null, open.ToDictionary(m => m.Path, m => "filled by the coder"), letter.ETag.ToString());
            Assert.Equal(DenialPipeline.Operations.Outcome.Done, filled.Outcome);
            Assert.Empty(DenialPipeline.Review.ReviewHandler.OpenFields(filled.Value!));
        }
        var review = await reviewer.ApproveAsync(letter.LetterId, coder);
        Assert.Equal(DenialPipeline.Operations.Outcome.Done, review.Outcome);
        await f.Deliver(mail.Object).RunAsync(await f.ReceiveAsync(StorageNames.Queues.LettersOutbox), CancellationToken.None);

        mail.Verify(m => m.SendEmailAsync(It.Is<SendGridMessage>(msg =>
            msg.Personalizations[0].Subject == PhiFreeEmail.Subject || msg.Subject == PhiFreeEmail.Subject), It.IsAny<CancellationToken>()), Times.Once);
        var sentCase = await f.Services.GetRequiredService<CaseStore>().GetAsync(letter.CaseId);
        Assert.Equal(CaseStatus.Sent, sentCase!.StatusValue);
    }

    [Fact]
    public async Task DeliverFunction_LastAttemptFailing_MarksCaseFailedAndRethrowsForThePoisonQueue()
    {
        var mail = new Mock<ISendGridClient>();
        mail.Setup(m => m.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Response(HttpStatusCode.ServiceUnavailable, null, null));
        var letters = f.Services.GetRequiredService<LetterStore>();
        var caseEntity = CaseFactoryForTest();
        await f.Services.GetRequiredService<CaseStore>().CreateAsync(caseEntity, new CaseChange("Opened", CaseStatus.Drafted, "test"));
        var (letter, _) = await letters.CreateIfAbsentAsync(new LetterEntity { LetterId = "ltest-poison", CaseId = caseEntity.CaseId, Type = "Appeal" }, "<p>x</p>");
        letter.StatusValue = LetterStatus.Approved;
        Assert.True(await letters.TryUpdateAsync(letter));

        // Deferrals exhausted (an outage already put this delivery off Delivery:MaxDeferrals times): the queue's last attempt fails for good.
        var message = QueuesModelFactory.QueueMessage("m1", "p1", BinaryData.FromString(MessageJson.Serialize(new DeliveryRequested("ltest-poison", 1, Deferrals: 5))), dequeueCount: 5);
        await Assert.ThrowsAsync<TransientDeliveryException>(() => f.Deliver(mail.Object).RunAsync(message, CancellationToken.None));

        var failed = await f.Services.GetRequiredService<CaseStore>().GetAsync(caseEntity.CaseId);
        Assert.Equal(CaseStatus.Failed, failed!.StatusValue);
        Assert.Contains("letters-outbox-poison", failed.FailureReason);
        Assert.Equal(LetterStatus.Failed, (await letters.GetAsync("ltest-poison"))!.StatusValue);
    }

    private static CaseEntity CaseFactoryForTest() => new() { CaseId = "ctest-poison", PayerId = "87726", PayerName = "ACME", PatientControlNumber = "PCN-T" };

    [Fact]
    public async Task ApiFunctions_GetCase_UnknownId_Is404_AndListIs200()
    {
        var api = f.Create<ApiFunctions>();
        var context = SignedIn("Coder");
        var missing = Assert.IsType<ApiResult>(await api.GetCaseAsync(context.Request, "cnope", CancellationToken.None));
        Assert.Equal(404, missing.Status);
        var list = Assert.IsType<ApiResult>(await api.ListCasesAsync(context.Request, CancellationToken.None));
        Assert.Equal(200, list.Status);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("Payer", 403)]
    [InlineData("Manager", 200)]
    public async Task ApiFunctions_CheckRoles_LikeTheLocalHost(string? role, int expected)
    {
        var api = f.Create<ApiFunctions>();
        var context = role is null ? new DefaultHttpContext() : SignedIn(role);
        context.Request.Method = "GET";
        var result = Assert.IsType<ApiResult>(await api.ListCasesAsync(context.Request, CancellationToken.None));
        Assert.Equal(expected, result.Status);
    }

    /// <summary>A request as App Service Authentication passes it on: the principal in X-MS-CLIENT-PRINCIPAL (Base64 JSON).</summary>
    private static DefaultHttpContext SignedIn(string role)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles",
            claims = new[] { new { typ = "name", val = "alice@example.test" }, new { typ = "roles", val = role } } });
        context.Request.Headers[Caller.PrincipalHeader] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));
        return context;
    }

    /// <summary>Deadline reminders link to <c>{PublicBaseUrl}/cases/{id}</c>: the Functions app serves that route too.</summary>
    [Fact]
    public void WebCaseLink_RedirectsToTheCasePage_OnTheCasesRoute()
    {
        var method = typeof(WebFunctions).GetMethod(nameof(WebFunctions.CaseLink))!;
        Assert.Equal("WebCaseLink", method.GetCustomAttribute<FunctionAttribute>()?.Name);
        var trigger = method.GetParameters()[0].GetCustomAttribute<HttpTriggerAttribute>()!;
        Assert.Equal("cases/{id}", trigger.Route);
        Assert.Contains("get", trigger.Methods!);

        var result = Assert.IsType<DenialPipeline.Web.WebResult>(new WebFunctions().CaseLink(new DefaultHttpContext().Request, "c<x>"));
        Assert.Equal(302, result.Status);
        Assert.Equal("/case.html?id=c%3Cx%3E", result.Location);
    }

    [Fact]
    public void FunctionsMetadata_ListsEveryFunction()
    {
        var declared = typeof(IngestFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .Where(n => n is not null)
            .ToHashSet();
        Assert.Contains("Ingest", declared);

        var root = RepositoryRoot.Find();
        var metadata = Directory.EnumerateFiles(Path.Combine(root, "src", "DenialFunctions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        Assert.True(metadata is not null, "functions.metadata was not generated by the Functions SDK build");
        using var doc = JsonDocument.Parse(File.ReadAllText(metadata));
        var listed = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToHashSet();
        Assert.Equal(declared.Order(), listed.Order());
    }
}
