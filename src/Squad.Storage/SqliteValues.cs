using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Squad.Storage;

/// <summary>How values are written to and read from columns: times as UTC round-trip text, enums by name, collections as JSON.</summary>
internal static class SqliteValues
{
    /// <summary>Fixed width and UTC, so the text sorts as the instants do.</summary>
    public static string FromTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ToTime(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? ToTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ToTime(reader.GetString(ordinal));

    public static TEnum ToEnum<TEnum>(string name)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(name, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}");

    public static string? ToNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? ToNullableInt(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static string FromPasses(IReadOnlyDictionary<string, int> passes) =>
        JsonSerializer.Serialize(passes, StorageJsonContext.Default.IReadOnlyDictionaryStringInt32);

    public static Dictionary<string, int> ToPasses(string json) =>
        JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringInt32) ?? [];

    public static string FromEffects(IReadOnlyList<string> effects) =>
        JsonSerializer.Serialize(effects, StorageJsonContext.Default.IReadOnlyListString);

    public static List<string> ToEffects(string json) =>
        JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListString) ?? [];

    public static string? FromPostMerge(Squad.Core.Verification.PostMergeRecord? record) =>
        record is null ? null : JsonSerializer.Serialize(record, StorageJsonContext.Default.PostMergeRecord);

    public static Squad.Core.Verification.PostMergeRecord? ToPostMerge(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, StorageJsonContext.Default.PostMergeRecord);

    /// <summary>Binds a parameter, writing <see langword="null"/> as SQL NULL.</summary>
    public static void Bind(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
