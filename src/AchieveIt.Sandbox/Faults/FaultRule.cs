namespace AchieveIt.Sandbox.Faults
{
    /// <summary>
    /// One misbehaviour, for the next <see cref="Count"/> matching requests. Posted as JSON to /sandbox/faults, e.g.
    /// {"target":"submit","action":"status","status":503,"retryAfter":"2","count":1}.
    /// </summary>
    public sealed class FaultRule
    {
        /// <summary>Which requests it applies to: submit (the POSTs), status (job GETs), plan (plan export GETs) or any.</summary>
        public string Target { get; set; } = FaultTargets.Any;

        /// <summary>status: answer <see cref="Status"/>; delay: wait <see cref="DelayMs"/> then answer normally;
        /// drop: read the body, then drop the connection; redirect: answer <see cref="Status"/> (301/302/307/308) to
        /// <see cref="Location"/>; failJob: the next job processed fails.</summary>
        public string Action { get; set; }

        public int Status { get; set; }

        /// <summary>Retry-After header value: seconds ("2") or an HTTP-date.</summary>
        public string RetryAfter { get; set; }

        public int DelayMs { get; set; }

        /// <summary>Redirect target: a path on this sandbox or an absolute URL.</summary>
        public string Location { get; set; }

        /// <summary>With action status: this many filler bytes follow the message, streamed (a huge error body).</summary>
        public long BodyBytes { get; set; }

        /// <summary>With action status: the message quotes the request's Authorization header, as a careless server might.</summary>
        public bool EchoAuthorization { get; set; }

        public int Count { get; set; } = 1;
    }

    public static class FaultTargets
    {
        public const string Submit = "submit";
        public const string Status = "status";
        public const string Plan = "plan";
        public const string Any = "any";
    }

    public static class FaultActions
    {
        public const string Status = "status";
        public const string Delay = "delay";
        public const string Drop = "drop";
        public const string Redirect = "redirect";
        public const string FailJob = "failJob";

        public static readonly string[] All = { Status, Delay, Drop, Redirect, FailJob };
    }
}
