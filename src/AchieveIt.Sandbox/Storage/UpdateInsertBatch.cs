using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace AchieveIt.Sandbox.Storage
{
    /// <summary>
    /// Inserts applied updates a thousand rows per statement, passed as one JSON parameter that SQLite unpacks
    /// with json_each. Binding eight parameters per row costs about 8 µs a row in Microsoft.Data.Sqlite; this
    /// keeps processing well over 100,000 rows a second. The rows are checked and packed on the caller's thread
    /// while a second thread runs the inserts (only that thread touches the connection until <see cref="Complete"/>).
    /// </summary>
    internal sealed class UpdateInsertBatch : IDisposable
    {
        private const int RowsPerStatement = 1000;
        private readonly SqliteCommand command;
        private readonly SqliteParameter rowsParameter;
        private readonly MemoryStream buffer = new MemoryStream();
        private readonly BlockingCollection<string> batches = new BlockingCollection<string>(boundedCapacity: 4);
        private readonly Task inserter;
        private readonly System.Threading.CancellationTokenSource failed = new System.Threading.CancellationTokenSource();
        private Utf8JsonWriter json;
        private int pending;
        private long applied;

        public UpdateInsertBatch(SqliteConnection connection, SqliteTransaction transaction, string jobId, string appliedAt)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = @"INSERT INTO updates (job_id, line, external_id, status, metric, as_of_date, comment, applied_at)
SELECT $job, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
       json_extract(value, '$[4]'), json_extract(value, '$[5]'), $at
FROM json_each($rows)";
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$at", appliedAt);
            rowsParameter = command.Parameters.Add("$rows", SqliteType.Text);
            command.Prepare();
            inserter = Task.Run(() =>
            {
                try
                {
                    foreach (var rows in batches.GetConsumingEnumerable())
                    {
                        rowsParameter.Value = rows;
                        applied += command.ExecuteNonQuery();
                    }
                }
                catch
                {
                    failed.Cancel(); // unblocks a producer waiting for room
                    throw;
                }
            });
            Start();
        }

        public void Add(AppliedUpdate update)
        {
            json.WriteStartArray();
            json.WriteNumberValue(update.Line);
            json.WriteStringValue(update.ExternalId);
            WriteNullable(update.Status);
            WriteNullable(update.MetricValue);
            json.WriteStringValue(update.AsOfDate);
            WriteNullable(update.Comment);
            json.WriteEndArray();
            if (++pending == RowsPerStatement) Flush();
        }

        /// <summary>Sends the last rows, waits for every insert, and returns how many rows were inserted.</summary>
        public long Complete()
        {
            Flush();
            batches.CompleteAdding();
            inserter.GetAwaiter().GetResult();
            return applied;
        }

        public void Dispose()
        {
            // Stop the inserter (after a failure too) before the connection it uses goes away.
            if (!batches.IsAddingCompleted) batches.CompleteAdding();
            try
            {
                inserter.Wait();
            }
            catch (AggregateException)
            {
                // Already surfaced by Complete, or the transaction is being rolled back anyway.
            }

            json?.Dispose();
            command.Dispose();
            batches.Dispose();
            failed.Dispose();
        }

        private void Flush()
        {
            if (pending == 0) return;
            json.WriteEndArray();
            json.Flush();
            var rows = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            try
            {
                batches.Add(rows, failed.Token);
            }
            catch (OperationCanceledException)
            {
                inserter.GetAwaiter().GetResult(); // rethrows the insert's own exception
            }

            Start();
        }

        private void Start()
        {
            json?.Dispose();
            buffer.SetLength(0);
            json = new Utf8JsonWriter(buffer);
            json.WriteStartArray();
            pending = 0;
        }

        private void WriteNullable(string value)
        {
            if (value == null) json.WriteNullValue();
            else json.WriteStringValue(value);
        }
    }
}
