@preconcurrency import CNcurses
import DeferscopeUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TerminalScreen {
    /// The next key, mouse action or resize, waiting at most `timeoutMilliseconds` (negative: no
    /// limit); nil when nothing came. A lone Esc is reported after about 25 ms.
    public func readEvent(timeoutMilliseconds: Int) -> KeyEvent? {
        guard isOpen else { return nil }
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        while true {
            var value: wint_t = 0
            let result = wget_wch(window, &value)
            if result == ERR { return nil }
            if result == KEY_CODE_YES {
                let code = Int32(bitPattern: UInt32(value))
                if code == KEY_RESIZE {
                    invalidate()
                    let now = size
                    return .resize(width: now.width, height: now.height)
                }
                if code == KEY_MOUSE {
                    if let mouse = readMouse() {
                        return .mouse(clicks.classify(mouse, at: TerminalScreen.monotonicNanoseconds()))
                    }
                    continue
                }
                if let key = TerminalScreen.key(forCode: code) { return .key(key) }
                continue
            }
            if let key = TerminalScreen.key(forCharacter: UInt32(value)) { return .key(key) }
        }
    }

    func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let x = Int(event.x)
        let y = Int(event.y)
        if state & ds_button4_pressed() != 0 { return MouseEvent(.scrollUp, x: x, y: y) }
        if ds_button5_pressed() != 0 && state & ds_button5_pressed() != 0 { return MouseEvent(.scrollDown, x: x, y: y) }
        if state & ds_button1_double_clicked() != 0 { return MouseEvent(.doubleClick(button: 1), x: x, y: y) }
        if state & (ds_button1_clicked() | ds_button1_pressed()) != 0 {
            return MouseEvent(.click(button: 1), x: x, y: y)
        }
        if state & ds_button2_clicked() != 0 { return MouseEvent(.click(button: 2), x: x, y: y) }
        if state & ds_button3_clicked() != 0 { return MouseEvent(.click(button: 3), x: x, y: y) }
        return nil
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// The key for an ncurses function-key code (`KEY_UP`, `KEY_F(1)`…).
    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        default:
            for number in 1...12 where code == ds_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }

    /// The key for a character read from the terminal (control characters become named keys).
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + value))))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
