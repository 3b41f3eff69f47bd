/// A named set of styles, one per `ThemeKey`.
///
/// A theme may leave keys out: they fall back to the default theme's. Inside a theme, the
/// colour `default` means the theme's own `text` colour (so a light theme's background carries
/// through every style); only in `text` itself does it mean the terminal's colour.
public struct Theme: Hashable, Sendable {
    /// The theme's name (its file name without `.theme`).
    public let name: String
    /// The styles the theme file sets, as written.
    public let definedStyles: [ThemeKey: Style]
    let resolved: [ThemeKey: Style]
    let setKeys: Set<ThemeKey>

    /// A theme from the styles it sets; the rest come from `fallback` (none: plain styles).
    public init(name: String, styles: [ThemeKey: Style], fallback: Theme? = nil) {
        self.name = name
        self.definedStyles = styles
        var merged = fallback?.definedStyles ?? [:]
        merged.merge(styles) { _, own in own }
        let text = merged[.text] ?? Style()
        var resolved: [ThemeKey: Style] = [:]
        for key in ThemeKey.allCases {
            var style = merged[key] ?? Style()
            if key != .text {
                if style.foreground == .default { style.foreground = text.foreground }
                if style.background == .default { style.background = text.background }
            }
            resolved[key] = style
        }
        self.resolved = resolved
        self.setKeys = Set(merged.keys)
    }

    init(name: String, definedStyles: [ThemeKey: Style], resolved: [ThemeKey: Style], setKeys: Set<ThemeKey>) {
        self.name = name
        self.definedStyles = definedStyles
        self.resolved = resolved
        self.setKeys = setKeys
    }

    /// The style for `key`, with fallbacks applied.
    public subscript(key: ThemeKey) -> Style {
        resolved[key] ?? Style()
    }

    /// Whether the theme (or its fallback) sets `key`; optional keys such as `row.alt` are only
    /// used when set.
    public func defines(_ key: ThemeKey) -> Bool {
        setKeys.contains(key)
    }

    /// The theme fitted to a terminal of `depth` (see `Style.downgraded(to:)`).
    public func downgraded(to depth: ColorDepth) -> Theme {
        let base = self[.text].background
        var styles: [ThemeKey: Style] = [:]
        for (key, style) in resolved {
            var downgraded = style.downgraded(to: depth)
            if depth == .none && style.background == base && !style.attributes.contains(.reverse) {
                downgraded.attributes.remove(.reverse)
            }
            // Zebra stripes drawn reversed would look like the selection: without colour, none.
            if depth == .none && key == .rowAlt {
                downgraded = Style(attributes: resolved[.text]?.attributes ?? [])
            }
            styles[key] = downgraded
        }
        return Theme(name: name, definedStyles: definedStyles, resolved: styles, setKeys: setKeys)
    }

    /// The bundled default theme (dark).
    public static var `default`: Theme { ThemeCatalog.bundled[0] }
}
