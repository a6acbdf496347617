using System.Linq;
using System.Text;

namespace AchieveIt.Http
{
    /// <summary>Turns a server's answer body into a short sentence for Job.Message and error messages.</summary>
    internal static class ServerText
    {
        private const int MaxLength = 1000;

        public static string Summarise(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return string.Empty;
            var json = JsonText.Parse(body.Trim());
            if (json == null) return Shorten(body.Trim());
            var errors = JsonText.Member(json, "errors");
            if (errors != null && JsonText.TypeOf(errors) == "array")
            {
                var items = errors.Elements().ToList();
                var text = new StringBuilder(items.Count + (items.Count == 1 ? " error: " : " errors: "));
                foreach (var item in items.Take(10))
                {
                    var line = JsonText.Scalar(JsonText.Member(item, "line"));
                    var code = JsonText.Scalar(JsonText.Member(item, "code"));
                    var message = JsonText.Scalar(JsonText.Member(item, "message")) ?? item.Value;
                    text.Append(line != null && line != "0" ? "line " + line + " " : string.Empty).Append(code != null ? code + ": " : string.Empty).Append(message).Append("; ");
                }

                if (items.Count > 10) text.Append("and ").Append(items.Count - 10).Append(" more.");
                return Shorten(text.ToString().TrimEnd(' ', ';'));
            }

            var rows = JsonText.Scalar(JsonText.Member(json, "rowsApplied"));
            if (rows != null) return rows + (rows == "1" ? " row applied." : " rows applied.");
            var single = JsonText.Scalar(JsonText.Member(json, "message")) ?? JsonText.Scalar(JsonText.Member(json, "error"));
            return Shorten(single ?? body.Trim());
        }

        /// <summary>The text shortened, with every control character shown escaped: a server's words never drive the terminal.</summary>
        public static string Shorten(string text) => Rules.IssueFactory.Printable(text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 3) + "...");
    }
}
