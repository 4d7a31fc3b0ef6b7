using System.Net;
using System.Net.Sockets;
using DenialPipeline.LocalHost;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>The emulator launcher when a port it was given is taken (by another process, or an outgoing connection).</summary>
public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task PortTakenBeforeAzuriteListens_FailsWithTheEmulatorsOwnError_NamingThePort()
    {
        using var held = HoldWithoutListening(out var taken);
        var ports = AzuriteLauncher.FreePortsFor(2);
        var ex = await Assert.ThrowsAsync<AzuriteExitedException>(() => AzuriteLauncher.EnsureAsync(ports[0], taken, ports[1], dataFolder: null));
        Assert.Contains($"queue {taken}", ex.Message);
        Assert.Contains("EADDRINUSE", ex.Message); // Azurite's output, not only its exit code
    }

    [Fact]
    public async Task PrivateEmulator_WhosePortWasTaken_StartsOnOtherPorts()
    {
        using var held = HoldWithoutListening(out var taken);
        var attempts = new List<int[]>();
        await using var azurite = await AzuriteLauncher.StartPrivateAsync(() =>
        {
            var free = AzuriteLauncher.FreePortsFor(3);
            attempts.Add(attempts.Count == 0 ? [free[0], taken, free[2]] : free);
            return attempts[^1];
        }, dataFolder: null);
        Assert.True(attempts.Count >= 2, "the emulator started on the taken port");
        Assert.NotEqual(taken, azurite.QueuePort);
        Assert.Equal(attempts[^1][1], azurite.QueuePort);
        await new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, "probe").CreateAsync();
    }

    [Fact]
    public async Task PortTakenByAnotherListener_IsNotMistakenForOurEmulator()
    {
        // Another test process's emulator took one of our ports: it answers there, but it is not ours.
        var foreign = new TcpListener(IPAddress.Loopback, 0);
        foreign.Start();
        try
        {
            var taken = ((IPEndPoint)foreign.LocalEndpoint).Port;
            var ports = AzuriteLauncher.FreePortsFor(2);
            var ex = await Assert.ThrowsAsync<AzuriteExitedException>(() => AzuriteLauncher.LaunchAsync(taken, ports[0], ports[1], dataFolder: null));
            Assert.Contains("EADDRINUSE", ex.Message);
        }
        finally { foreign.Stop(); }
    }

    [Fact]
    public async Task PrivateEmulator_WhosePortAnotherListenerHolds_StartsOnOtherPorts()
    {
        var foreign = new TcpListener(IPAddress.Loopback, 0);
        foreign.Start();
        try
        {
            var taken = ((IPEndPoint)foreign.LocalEndpoint).Port;
            var attempts = new List<int[]>();
            await using var azurite = await AzuriteLauncher.StartPrivateAsync(() =>
            {
                var free = AzuriteLauncher.FreePortsFor(3);
                attempts.Add(attempts.Count == 0 ? [free[0], free[1], taken] : free);
                return attempts[^1];
            }, dataFolder: null);
            Assert.NotEqual(taken, azurite.TablePort);
            Assert.Equal(2, attempts.Count);
            await new Azure.Data.Tables.TableClient(azurite.ConnectionString, "probe").CreateIfNotExistsAsync();
        }
        finally { foreign.Stop(); }
    }

    [Fact]
    public async Task PrivateEmulator_Answers_AndStopsOnDispose()
    {
        int blob;
        await using (var azurite = await AzuriteLauncher.StartPrivateAsync())
        {
            blob = azurite.BlobPort;
            var client = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString);
            await client.GetBlobContainerClient("probe").CreateAsync();
        }
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, blob));
    }

    /// <summary>
    /// A port held the way a busy test machine holds one: as the local end of an open outgoing connection (the kernel
    /// picks it from the same ephemeral range free-port probes use). Nothing listens there, so connecting is refused and
    /// the launcher sees a free port; binding it fails.
    /// </summary>
    private static IDisposable HoldWithoutListening(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        client.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = listener.AcceptTcpClient();
        port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        return new Held(listener, client, accepted);
    }

    private sealed class Held(TcpListener listener, TcpClient client, TcpClient accepted) : IDisposable
    {
        public void Dispose()
        {
            client.Dispose();
            accepted.Dispose();
            listener.Stop();
        }
    }
}
