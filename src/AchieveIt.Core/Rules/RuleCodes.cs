namespace AchieveIt.Rules
{
    /// <summary>The stable codes of the CSV rules (docs/CONTRACT.md §3); they are also the cmdlets' error IDs.</summary>
    public static class RuleCodes
    {
        public const string MissingExternalId = nameof(MissingExternalId);
        public const string FieldTooLong = nameof(FieldTooLong);

        /// <summary>A metric update without a value, or (with a plan that says so) a progress update of an item that has a metric.</summary>
        public const string MissingMetricValue = nameof(MissingMetricValue);
        public const string ExternalIdHasControlCharacter = nameof(ExternalIdHasControlCharacter);
        public const string NotAValue = nameof(NotAValue);
        public const string PropertyUnreadable = nameof(PropertyUnreadable);
        public const string TrailingEmptyLines = nameof(TrailingEmptyLines);
        public const string ExternalIdContainsExternal = nameof(ExternalIdContainsExternal);
        public const string ExternalIdHasComma = nameof(ExternalIdHasComma);
        public const string ExternalIdHasQuote = nameof(ExternalIdHasQuote);
        public const string InvalidStatus = nameof(InvalidStatus);
        public const string InvalidMetricValue = nameof(InvalidMetricValue);
        public const string MissingAsOfDate = nameof(MissingAsOfDate);
        public const string InvalidAsOfDate = nameof(InvalidAsOfDate);
        public const string EmptyRow = nameof(EmptyRow);
        public const string ColumnCount = nameof(ColumnCount);
        public const string HeaderOrder = nameof(HeaderOrder);
        public const string TypeInformationLine = nameof(TypeInformationLine);
        public const string ByteOrderMark = nameof(ByteOrderMark);
        public const string InvalidEncoding = nameof(InvalidEncoding);
        public const string DuplicateUpdate = nameof(DuplicateUpdate);

        /// <summary>The file holds no update at all (empty, or a header only).</summary>
        public const string NoRows = nameof(NoRows);

        /// <summary>A quote inside a field that is not enclosed in quotes (RFC 4180), or a quote never closed.</summary>
        public const string InvalidQuoting = nameof(InvalidQuoting);

        /// <summary>With a plan (-PlanItems, -PlanId): no plan item has the update's External ID.</summary>
        public const string UnknownExternalId = nameof(UnknownExternalId);

        /// <summary>A NUL character in a field that may otherwise hold any text (Comment).</summary>
        public const string NulCharacter = nameof(NulCharacter);

        /// <summary>A slash date that could be read either way, in an input that shows day-first dates elsewhere.</summary>
        public const string AmbiguousDate = nameof(AmbiguousDate);

        /// <summary>A C1 control character (U+0080 to U+009F) in a text field: the mark of an ANSI file read as Latin1.</summary>
        public const string ControlCharacter = nameof(ControlCharacter);

        /// <summary>A DataSet piped as one object that holds more or fewer than one table.</summary>
        public const string DataSetTables = nameof(DataSetTables);

        /// <summary>With a plan that says an item has no metric: the update gives it a metric value (a warning).</summary>
        public const string UnexpectedMetricValue = nameof(UnexpectedMetricValue);

        /// <summary>With a plan that gives the item's last update: the row's As Of Date is before it (a warning, on Submit).</summary>
        public const string OlderUpdate = nameof(OlderUpdate);
    }
}
