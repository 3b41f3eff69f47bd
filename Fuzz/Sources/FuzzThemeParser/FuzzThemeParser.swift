import DeferscopeUI
import FuzzDriver

/// Parses the bytes as a theme file (UTF-8, invalid sequences repaired as a file read would) and
/// checks what the parser promises, not only that it returns:
/// - a refusal names at least one problem, each on a line of the input (0 = the whole file), with
///   a message;
/// - a parsed theme has a style for every key, defines every key its fallback defines, and writing
///   the styles it read back as a theme file parses to the same styles (nothing half-read), and so
///   does the same file with CRLF line ends.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThemeParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Lines as any newline ends them (`\n`, `\r\n`, `\r`…): the most a problem may name.
    let lineCount = text.reduce(1) { $0 + ($1.isNewline ? 1 : 0) }
    let theme: Theme
    do {
        theme = try ThemeParser.parse(text, name: "fuzz", fallback: .default)
    } catch {
        check(!error.problems.isEmpty, "a refusal without a problem")
        for problem in error.problems {
            check((0...lineCount).contains(problem.line), "problem on line \(problem.line) of \(lineCount)")
            check(!problem.message.isEmpty, "a problem without a message")
        }
        _ = error.description
        return 0
    }
    for key in ThemeKey.allCases {
        _ = theme[key]
        if Theme.default.defines(key) { check(theme.defines(key), "'\(key.rawValue)' lost its fallback") }
    }
    // The same file with Windows line ends is the same theme.
    let crlf = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    do {
        let other = try ThemeParser.parse(crlf, name: "fuzz", fallback: .default)
        check(other.definedStyles == theme.definedStyles, "styles differ with CRLF line ends")
        check(other.definedANSI16 == theme.definedANSI16, "[ansi16] differs with CRLF line ends")
    } catch {
        check(false, "the file with CRLF line ends does not parse: \(error)")
    }
    let written = themeFile(styles: theme.definedStyles, ansi16: theme.definedANSI16)
    do {
        let reread = try ThemeParser.parse(written, name: "fuzz", fallback: nil)
        check(reread.definedStyles == theme.definedStyles, "styles differ after a round trip:\n\(written)")
        check(reread.definedANSI16 == theme.definedANSI16, "[ansi16] differs after a round trip:\n\(written)")
    } catch {
        check(false, "the written theme does not parse: \(error)\n\(written)")
    }
    return 0
}

/// A theme file setting exactly these styles, one `[section]` per key.
func themeFile(styles: [ThemeKey: Style], ansi16: [ThemeKey: Style]) -> String {
    var text = ""
    for key in ThemeKey.allCases {
        if let style = styles[key] { text += "[\(key.section)]\n\(key.name) = \"\(words(style))\"\n" }
        if let style = ansi16[key] { text += "[ansi16.\(key.section)]\n\(key.name) = \"\(words(style))\"\n" }
    }
    return text
}

/// A value's words for `style`: attributes, foreground, `on` background (`plain` when none).
func words(_ style: Style) -> String {
    var words = TextAttributes.allCases.filter { style.attributes.contains($0) }.map(\.name)
    words.append(colorWord(style.foreground))
    words += ["on", colorWord(style.background)]
    return words.joined(separator: " ")
}

func colorWord(_ color: Color) -> String {
    switch color {
    case .default: return "default"
    case .ansi(let index): return Int(index) < Color.ansiNames.count ? Color.ansiNames[Int(index)] : "color\(index)"
    case .indexed(let index): return "color\(index)"
    case .rgb(let red, let green, let blue): return "#" + [red, green, blue].map(hex).joined()
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// A broken promise: a finding, as a crash libFuzzer records with its input.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("FuzzThemeParser: \(message())") }
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver on the target above.
@_cdecl("FuzzThemeParser_main")
public func _fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzThemeParser($0, $1) }
}
