/// Reads theme files: a flat TOML subset of `[section]` headers, `key = "value"` lines and `#`
/// comments (docs/themes.md).
///
/// A value is a quoted string: an optional foreground colour, optionally `on` and a background
/// colour, and any attributes: `"bold #e0e0e0 on #303a4a"`, `"on color236"`, `"reverse"`.
/// Colours are `#rrggbb`, `colorN` (0–255), an ANSI name (`red`, `bright-blue`…) or `default`.
/// An `[ansi16]` section sets styles for terminals with 16 colours or fewer, in ANSI colours only.
/// Any problem refuses the whole file (see `ThemeError`): a half-read theme is not shown.
public enum ThemeParser {
    /// The section whose keys are 16-colour fallbacks (`[ansi16]`, then `state.failed = …`).
    static let ansi16Section = "ansi16"

    /// The theme that `text` describes; keys it leaves out come from `fallback`.
    public static func parse(
        _ text: String,
        name: String,
        source: String? = nil,
        fallback: Theme?
    ) throws(ThemeError)
        -> Theme
    {
        let source = source ?? name
        if text.contains("\0") || text.unicodeScalars.contains(where: { $0 == "\u{FFFD}" }) {
            throw ThemeError(
                source: source,
                problems: [.init(line: 0, message: "not a theme file (binary data); \(expectedShape)")]
            )
        }
        var reader = ThemeFileReader()
        // "\r\n" is one Character to Swift, so splitting on "\n" alone would read a file with
        // Windows line ends as one long line.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (offset, line) in lines.enumerated() {
            reader.read(line, number: offset + 1)
        }
        reader.finish()
        guard reader.problems.isEmpty else {
            var problems = reader.problems
            if reader.understoodLines == 0 {
                problems.insert(
                    .init(line: 0, message: "not a theme file: no line was understood; \(expectedShape)"),
                    at: 0
                )
            }
            throw ThemeError(source: source, problems: problems)
        }
        return Theme(name: name, styles: reader.styles, ansi16: reader.ansi16, fallback: fallback)
    }

    /// What a theme file looks like, for messages.
    static let expectedShape = "a theme is `[section]` lines and `key = \"value\"` lines (docs/themes.md)"
}
