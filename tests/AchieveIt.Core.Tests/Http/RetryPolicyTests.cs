using System;
using AchieveIt.Http;

namespace AchieveIt.Tests.Http
{
    public class RetryPolicyTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData(1, 1.0, 1.4)]
        [InlineData(2, 2.0, 2.8)]
        [InlineData(3, 4.0, 5.6)]
        public void Backoff_doubles_from_one_second_with_jitter_and_never_waits_under_a_second(int retry, double min, double max)
        {
            for (var seed = 0; seed < 200; seed++)
            {
                var delay = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), new Random(seed)).Delay(retry, null).TotalSeconds;
                Assert.InRange(delay, min, max);
            }
        }

        [Fact]
        public void Jitter_spreads_the_retries()
        {
            var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), new Random(1));
            Assert.NotEqual(policy.Delay(1, null), policy.Delay(1, null));
        }

        [Fact]
        public void Backoff_is_capped()
        {
            Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Default.Delay(20, null));
        }

        [Fact]
        public void Retry_after_wins_and_is_capped()
        {
            Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.Default.Delay(3, TimeSpan.FromSeconds(2)));
            Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.Default.Delay(1, TimeSpan.FromDays(1)));
        }

        [Fact]
        public void A_status_answers_retry_after_is_capped_so_polling_goes_on()
        {
            Assert.Equal(TimeSpan.FromSeconds(9), AchieveIt.Jobs.PollSchedule.After(3, TimeSpan.FromSeconds(9)));
            Assert.Equal(AchieveIt.Jobs.PollSchedule.MaxRetryAfter, AchieveIt.Jobs.PollSchedule.After(3, TimeSpan.FromSeconds(86400)));
            Assert.True(AchieveIt.Jobs.PollSchedule.MaxRetryAfter <= TimeSpan.FromSeconds(60));
        }

        [Theory]
        [InlineData("2", 2)]
        [InlineData(" 120 ", 120)]
        [InlineData("Sat, 28 Nov 2026 12:00:05 GMT", 5)]
        [InlineData("Sat, 28 Nov 2026 11:00:00 GMT", 0)]
        public void Retry_after_reads_seconds_and_http_dates(string header, int seconds)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.ParseRetryAfter(header, Now));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("soon")]
        [InlineData("-5")]
        public void An_unreadable_retry_after_is_ignored(string header)
        {
            Assert.Null(RetryPolicy.ParseRetryAfter(header, Now));
        }
    }
}
