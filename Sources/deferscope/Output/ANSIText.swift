import DeferscopeUI

/// Text in a style, as terminal escape sequences (for the theme preview, outside curses).
enum ANSIText {
    /// `text` drawn in `style`, then the style reset.
    static func styled(_ text: String, _ style: Style) -> String {
        var codes: [String] = []
        let attributes: [(TextAttributes, String)] = [
            (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7"),
        ]
        for (attribute, code) in attributes where style.attributes.contains(attribute) {
            codes.append(code)
        }
        codes.append(color(style.foreground, base: 30, brightBase: 90, extended: 38))
        codes.append(color(style.background, base: 40, brightBase: 100, extended: 48))
        return "\u{1B}[" + codes.joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    private static func color(_ color: Color, base: Int, brightBase: Int, extended: Int) -> String {
        switch color {
        case .default: return String(base + 9)
        case .ansi(let index): return index < 8 ? String(base + Int(index)) : String(brightBase + Int(index) - 8)
        case .indexed(let index): return "\(extended);5;\(index)"
        case .rgb(let red, let green, let blue): return "\(extended);2;\(red);\(green);\(blue)"
        }
    }
}
