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
        /// <summary>The JSON as an element tree, or null when the text is not JSON.</summary>
        public static XElement Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            try
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                using (var reader = JsonReaderWriterFactory.CreateJsonReader(bytes, XmlDictionaryReaderQuotas.Max))
                {
                    return XElement.Load(reader);
                }
            }
            catch (XmlException)
            {
                return null;
            }
            catch (System.Runtime.Serialization.SerializationException)
            {
                return null;
            }
        }

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
