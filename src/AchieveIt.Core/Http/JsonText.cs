using System;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AchieveIt.Http
{
    /// <summary>
    /// Reads small JSON answers without a JSON package (a package's DLL would collide with other modules' copies
    /// in Windows PowerShell): the framework's JSON reader maps JSON to XML, which LINQ to XML can walk.
    /// </summary>
    internal static class JsonText
    {
        /// <summary>How deeply any JSON answer may nest: no answer of AchieveIt's needs more, and a deeper one costs time that grows with the square of its depth.</summary>
        public const int MaxDepth = 64;

        /// <summary>The JSON as an element tree, or null when the text is not JSON (or nests deeper than <see cref="MaxDepth"/>).</summary>
        public static XElement Parse(string text) => Parse(text, out _);

        /// <summary>The JSON as an element tree, or null and why: not JSON, or nested deeper than <see cref="MaxDepth"/>.</summary>
        public static XElement Parse(string text, out string problem)
        {
            problem = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                problem = "is empty";
                return null;
            }

            try
            {
                using (var reader = Reader(text))
                {
                    return XElement.Load(reader);
                }
            }
            catch (XmlException e)
            {
                problem = Problem(e);
                return null;
            }
            catch (System.Runtime.Serialization.SerializationException)
            {
                problem = "is not JSON";
                return null;
            }
        }

        /// <summary>A streaming reader of the JSON as XML elements, at most <see cref="MaxDepth"/> levels deep (the caller disposes it).</summary>
        public static XmlDictionaryReader Reader(string text) => JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(text), Quotas());

        /// <summary>What an XmlException from <see cref="Reader"/> means, for a message: "is not JSON" or "nests deeper than 64 levels".</summary>
        public static string Problem(XmlException e) => Deep(e) ? $"nests deeper than {MaxDepth} levels" : "is not JSON";

        // The reader's words for its depth quota (the one quota set below its maximum).
        private static bool Deep(XmlException e) => e.Message.IndexOf("depth", StringComparison.OrdinalIgnoreCase) >= 0;

        // Every quota at its maximum but depth (the shared Max instance is read-only).
        private static XmlDictionaryReaderQuotas Quotas() => new XmlDictionaryReaderQuotas
        {
            MaxDepth = MaxDepth,
            MaxStringContentLength = int.MaxValue,
            MaxArrayLength = int.MaxValue,
            MaxBytesPerRead = int.MaxValue,
            MaxNameTableCharCount = int.MaxValue,
        };

        /// <summary>The root's type: object, array, string, number, boolean or null.</summary>
        public static string TypeOf(XElement element) => (string)element?.Attribute("type") ?? "string";

        /// <summary>A member of an object by name, any case. Names that are not XML names are kept in an "item" attribute.</summary>
        public static XElement Member(XElement obj, string name)
        {
            if (obj == null || TypeOf(obj) != "object") return null;
            return obj.Elements().FirstOrDefault(e => string.Equals(MemberName(e), name, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>A scalar member's text (a string or a number), or null.</summary>
        public static string Scalar(XElement element)
        {
            if (element == null) return null;
            var type = TypeOf(element);
            return type == "string" || type == "number" ? element.Value : null;
        }

        /// <summary>A member's name as the JSON wrote it.</summary>
        public static string NameOf(XElement element) => MemberName(element);

        private static string MemberName(XElement element) => (string)element.Attribute("item") ?? element.Name.LocalName;
    }
}
