// A widget showcase in a real terminal, for the tmux end-to-end tests and for looking at themes:
//   DeferscopeTerminalCheck [--theme NAME] [--ascii] [--crash-after-first-frame] [--double-click-ms MS]
// ↑/↓ move, t next theme, ? help, c cancel box, / filter, q quits. Not a terminal: prints a frame.
import DeferscopeTerminal
import DeferscopeUI

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

var showcase = Showcase()
showcase.pid = getpid()
var arguments = CommandLine.arguments.dropFirst()
var crashAfterFirstFrame = false
var doubleClickMilliseconds: UInt64?
while let argument = arguments.popFirst() {
    switch argument {
    case "--theme": showcase.themes.select(named: arguments.popFirst() ?? "default")
    case "--ascii": showcase.glyphs = .ascii
    case "--crash-after-first-frame": crashAfterFirstFrame = true
    case "--double-click-ms": doubleClickMilliseconds = UInt64(arguments.popFirst() ?? "")
    default:
        fputs("unknown argument \(argument)\n", stderr)
        exit(2)
    }
}

guard PlainTextOutput.isTerminal() else {
    PlainTextOutput.write(showcase.render(width: 80, height: 24, depth: .none))
    exit(0)
}

let screen: TerminalScreen
do {
    screen = try TerminalScreen()
} catch {
    fputs("deferscope-check: \(error)\n", stderr)
    exit(1)
}

if let doubleClickMilliseconds { screen.doubleClickInterval = doubleClickMilliseconds * 1_000_000 }
let keys = KeyMap.standard
var running = true
var size = screen.size
screen.draw(showcase.render(width: size.width, height: size.height, depth: screen.colorDepth))
if crashAfterFirstFrame {
    fatalError("crash requested")
}
while running {
    guard let event = screen.readEvent(timeoutMilliseconds: 1000) else { continue }
    switch event {
    case .key(let key): showcase.lastKey = key.description
    case .mouse(let mouse):
        showcase.lastKey = "mouse \(MouseGesture(mouse)?.description ?? "other") \(mouse.x),\(mouse.y)"
    case .resize(let width, let height): showcase.lastKey = "resize \(width)x\(height)"
    }
    if var editor = showcase.filter, case .key(let key) = event {
        switch editor.handle(key) {
        case .submitted(let text):
            showcase.filterText = text
            showcase.filter = nil
        case .cancelled:
            showcase.filter = nil
        default:
            showcase.filter = editor
        }
    } else if case .confirmCancel = showcase.modal, case .key(let key) = event {
        if key == .character("y") || key == .character("n") || key == .escape { showcase.modal = nil }
    } else if let action = keys.action(for: event) {
        switch action {
        case .quit: running = false
        case .help: showcase.modal = showcase.modal == nil ? .help : nil
        case .back: showcase.modal = nil
        case .cycleTheme: showcase.themes.cycle()
        case .filter: showcase.filter = LineEditor(text: showcase.filterText)
        case .cancelSelected:
            if let selected = showcase.viewport.selection {
                showcase.modal = .confirmCancel(Showcase.rows[selected].id)
            }
        case .click(_, let y): showcase.viewport.select(showcase.viewport.offset + y - 3)
        default: showcase.viewport.apply(action)
        }
    }
    size = screen.size
    screen.draw(showcase.render(width: size.width, height: size.height, depth: screen.colorDepth))
}
screen.close()
