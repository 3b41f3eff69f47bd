/// A named set of styles, one per `ThemeKey`, with optional 16-colour fallbacks.
///
/// A theme may leave keys out: they fall back to the default theme's. Inside a theme, the
/// colour `default` means the theme's own `ui.text` colour (so a light theme's background carries
/// through every style); only in `ui.text` itself does it mean the terminal's colour.
public struct Theme: Hashable, Sendable {
    /// The theme's name (its file name without `.toml`).
    public let name: String
    /// The styles the theme file sets, as written.
    public let definedStyles: [ThemeKey: Style]
    /// The styles the theme file's `[ansi16]` section sets, as written: used instead of the
    /// nearest-colour downgrade on terminals with 16 colours or fewer.
    public let definedANSI16: [ThemeKey: Style]
    let merged: [ThemeKey: Style]
    let mergedANSI16: [ThemeKey: Style]
    let resolved: [ThemeKey: Style]

    /// A theme from the styles it sets; the rest come from `fallback` (none: plain styles). A key
    /// taken from `fallback` also takes the fallback's 16-colour style.
    public init(name: String, styles: [ThemeKey: Style], ansi16: [ThemeKey: Style] = [:], fallback: Theme? = nil) {
        self.name = name
        self.definedStyles = styles
        self.definedANSI16 = ansi16
        var merged = fallback?.merged ?? [:]
        merged.merge(styles) { _, own in own }
        var mergedANSI16 = (fallback?.mergedANSI16 ?? [:]).filter { styles[$0.key] == nil }
        mergedANSI16.merge(ansi16) { _, own in own }
        self.merged = merged
        self.mergedANSI16 = mergedANSI16
        self.resolved = Self.resolve(merged)
    }

    private init(copying theme: Theme, resolved: [ThemeKey: Style]) {
        self.name = theme.name
        self.definedStyles = theme.definedStyles
        self.definedANSI16 = theme.definedANSI16
        self.merged = theme.merged
        self.mergedANSI16 = theme.mergedANSI16
        self.resolved = resolved
    }

    /// Every key's style, `default` colours outside `ui.text` replaced by `ui.text`'s.
    static func resolve(_ styles: [ThemeKey: Style]) -> [ThemeKey: Style] {
        let text = styles[.text] ?? Style()
        var resolved: [ThemeKey: Style] = [:]
        for key in ThemeKey.allCases {
            var style = styles[key] ?? Style()
            if key != .text {
                if style.foreground == .default { style.foreground = text.foreground }
                if style.background == .default { style.background = text.background }
            }
            resolved[key] = style
        }
        return resolved
    }

    /// The style for `key`, with fallbacks applied.
    public subscript(key: ThemeKey) -> Style {
        resolved[key] ?? Style()
    }

    /// Whether the theme (or its fallback) sets `key`; optional keys such as `table.alt` are only
    /// used when set.
    public func defines(_ key: ThemeKey) -> Bool {
        merged[key] != nil
    }

    /// The theme fitted to a terminal of `depth` (see `Style.downgraded(to:)`); with 16 colours or
    /// fewer, the `[ansi16]` styles replace the nearest-colour downgrade of the keys they set.
    public func downgraded(to depth: ColorDepth) -> Theme {
        var source = resolved
        if depth == .ansi16 || depth == .ansi8, !mergedANSI16.isEmpty {
            source = Self.resolve(merged.merging(mergedANSI16) { _, fallback in fallback })
        }
        let base = source[.text]?.background
        var styles: [ThemeKey: Style] = [:]
        for (key, style) in source {
            var downgraded = style.downgraded(to: depth)
            if depth == .none && style.background == base && !style.attributes.contains(.reverse) {
                downgraded.attributes.remove(.reverse)
            }
            // Zebra stripes drawn reversed would look like the selection: without colour, none.
            if depth == .none && key == .rowAlt {
                downgraded = Style(attributes: source[.text]?.attributes ?? [])
            }
            styles[key] = downgraded
        }
        return Theme(copying: self, resolved: styles)
    }

    /// The bundled default theme (dark).
    public static var `default`: Theme { ThemeCatalog.bundled[0] }
}
