import DeferscopeUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the dashboard prints when standard output is not a terminal (a pipe, a file, CI): one
/// frame as plain text.
public enum PlainTextOutput {
    /// Whether `descriptor` (default: standard output) is a terminal.
    public static func isTerminal(_ descriptor: Int32 = STDOUT_FILENO) -> Bool {
        isatty(descriptor) == 1
    }

    /// The size of the terminal `descriptor` is, in cells; nil when it is not a terminal or does
    /// not say.
    public static func terminalSize(_ descriptor: Int32 = STDOUT_FILENO) -> (width: Int, height: Int)? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Writes `grid` as plain text (trailing spaces trimmed, a newline after each row) to
    /// `descriptor`.
    public static func write(_ grid: CellGrid, to descriptor: Int32 = STDOUT_FILENO) {
        var bytes = Array(grid.plainText().utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// `write(2)`, under a name the `write` method above does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
