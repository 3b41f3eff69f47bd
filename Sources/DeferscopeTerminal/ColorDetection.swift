import DeferscopeUI

/// How many colours to use, from the environment and what terminfo says the terminal can do.
public enum ColorDetection {
    /// The depth for a terminal whose terminfo entry has `terminfoColors` colours.
    ///
    /// `NO_COLOR` (set and not empty, see no-color.org) turns colour off. ncurses can draw 24-bit
    /// colour only through a direct-colour terminfo entry (`xterm-direct`, 16777216 colours); with
    /// `COLORTERM=truecolor` but a 256-colour entry, colours go to the nearest of the 256.
    public static func depth(environment: [String: String], terminfoColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminfoColors >= 0x100_0000 { return .trueColor }
        if terminfoColors >= 256 { return .indexed256 }
        if terminfoColors >= 16 { return .ansi16 }
        if terminfoColors >= 8 { return .ansi8 }
        return .none
    }

    /// Whether `COLORTERM` claims 24-bit colour (`truecolor` or `24bit`).
    public static func claimsTrueColor(environment: [String: String]) -> Bool {
        let value = environment["COLORTERM"]?.lowercased() ?? ""
        return value == "truecolor" || value == "24bit"
    }
}
