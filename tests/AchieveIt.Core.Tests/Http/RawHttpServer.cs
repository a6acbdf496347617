using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AchieveIt.Tests.Http
{
    /// <summary>
    /// An HTTP/1.1 server on loopback written on the socket, so a test decides every byte of the exchange (a "100
    /// Continue" or none, an answer before the body, a connection closed) and sees every byte the client sent, on
    /// .NET and on the .NET Framework leg alike. Each connection is handed to the test's exchange function.
    /// </summary>
    public sealed class RawHttpServer : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<TcpClient> clients = new ConcurrentQueue<TcpClient>();

        /// <summary>A server that answers every request 200 with <paramref name="body"/>, once its head is read.</summary>
        public static RawHttpServer Answering(string body) => new RawHttpServer(async x =>
        {
            await x.ReadHeadAsync();
            await x.AnswerAsync(200, "OK", body);
        });

        public RawHttpServer(Func<RawExchange, Task> exchange)
        {
            listener.Start();
            Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
            Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try
                    {
                        client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                    }
                    catch (Exception) when (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    var one = new RawExchange(client);
                    Exchanges.Enqueue(one);
                    clients.Enqueue(client);
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            try
                            {
                                await exchange(one).ConfigureAwait(false);
                            }
                            catch (Exception e) when (e is IOException || e is ObjectDisposedException)
                            {
                                // the client went away (or the server stopped): what it sent is recorded
                            }
                            catch (Exception e)
                            {
                                one.Failure = e; // the test's own exchange failed: kept, so it is not lost in silence
                            }
                        }

                        one.Finish();
                    });
                }
            });
        }

        public Uri Uri { get; }

        public ConcurrentQueue<RawExchange> Exchanges { get; } = new ConcurrentQueue<RawExchange>();

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            while (clients.TryDequeue(out var client)) client.Dispose(); // every exchange still running ends
            var failed = System.Linq.Enumerable.FirstOrDefault(Exchanges, x => x.Failure != null);
            if (failed != null) throw new InvalidOperationException("An exchange of the test's server failed: " + failed.Failure.Message, failed.Failure);
        }
    }

    /// <summary>One connection: the request head, and what came after it.</summary>
    public sealed class RawExchange
    {
        private readonly NetworkStream stream;
        private long bodyBytes;

        public RawExchange(TcpClient client) => stream = client.GetStream();

        public string Head { get; private set; } = string.Empty;

        /// <summary>What made the test's exchange function fail (not the client going away), or null.</summary>
        public Exception Failure { get; set; }

        private readonly TaskCompletionSource<bool> finished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the exchange function has returned and the connection is closed: everything the client sent on it was seen.</summary>
        public Task Finished => finished.Task;

        /// <summary>Bytes of the body received so far.</summary>
        public long BodyBytes => Interlocked.Read(ref bodyBytes);

        public bool ExpectsContinue => Head.IndexOf("Expect: 100-continue", StringComparison.OrdinalIgnoreCase) >= 0;

        public long ContentLength
        {
            get
            {
                foreach (var line in Head.Split(new[] { "\r\n" }, StringSplitOptions.None))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return long.Parse(line.Substring(15).Trim());
                }

                return -1;
            }
        }

        /// <summary>Reads up to the empty line that ends the head; body bytes that came with it are counted.</summary>
        public async Task ReadHeadAsync()
        {
            var buffer = new byte[8192];
            var head = new MemoryStream();
            while (true)
            {
                var read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                if (read == 0) throw new IOException("the client closed before the head ended");
                head.Write(buffer, 0, read);
                var text = Encoding.ASCII.GetString(head.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0) continue;
                Head = text.Substring(0, end);
                Interlocked.Add(ref bodyBytes, head.Length - (end + 4));
                return;
            }
        }

        /// <summary>Reads the body until Content-Length bytes came, the client stops, or the time is up.</summary>
        public async Task ReadBodyAsync(TimeSpan within)
        {
            var buffer = new byte[64 * 1024];
            var until = DateTime.UtcNow + within;
            while (BodyBytes < ContentLength && DateTime.UtcNow < until)
            {
                var reading = stream.ReadAsync(buffer, 0, buffer.Length);
                var left = until - DateTime.UtcNow;
                if (await Task.WhenAny(reading, Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero)).ConfigureAwait(false) != reading) return; // a bound on the read, not a wait
                var read = await reading.ConfigureAwait(false);
                if (read == 0) return;
                Interlocked.Add(ref bodyBytes, read);
            }
        }

        internal void Finish() => finished.TrySetResult(true);

        public Task WriteAsync(string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            return stream.WriteAsync(bytes, 0, bytes.Length);
        }

        /// <summary>A complete answer with a JSON body, the connection then closed.</summary>
        public Task AnswerAsync(int status, string reason, string json) =>
            WriteAsync($"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\nConnection: close\r\n\r\n{json}");
    }
}
