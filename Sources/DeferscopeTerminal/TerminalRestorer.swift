#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back the way it was when the dashboard dies by a signal: termios restored,
/// the alternate screen left, the cursor shown, mouse reporting off.
///
/// Handlers are installed for SIGINT, SIGTERM, SIGHUP (graceful), SIGQUIT (Ctrl-\) and
/// SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP (crashes). Each restores the terminal with
/// async-signal-safe calls only (`tcsetattr`, `write`), then hands the signal on to whatever
/// handled it before curses started (the default: the process dies as it would have, with the
/// right exit status; a shell shows 130 after Ctrl-C).
///
/// Ctrl-C comes here: the screen runs in cbreak mode, not raw, so the terminal turns Ctrl-C into
/// SIGINT, which quits even while the dashboard is busy and not reading keys.
enum TerminalRestorer {
    /// SIGINT, SIGTERM, SIGHUP, SIGQUIT, then the crash signals.
    static let handled: [Int32] = [
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP,
    ]

    // Written before the handlers are installed and read only inside them.
    nonisolated(unsafe) static var descriptor: Int32 = -1
    // On the heap: a `termios` global is emitted smaller than the `struct termios` that
    // `tcgetattr` fills (AddressSanitizer caught the write running past it into the next global).
    nonisolated(unsafe) static var savedModes: UnsafeMutablePointer<termios> = {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        modes.initialize(to: termios())
        return modes
    }()
    nonisolated(unsafe) static var hasSavedModes = false
    nonisolated(unsafe) static var leaveSequence: UnsafeMutableBufferPointer<UInt8> = .init(start: nil, count: 0)
    nonisolated(unsafe) static var previous: UnsafeMutablePointer<sigaction> = .allocate(capacity: 65)
    nonisolated(unsafe) static var active = false

    /// Remembers the terminal's modes before curses changes them (call before `newterm`), and the
    /// signal handlers in place before curses installs its own.
    static func saveModes(descriptor: Int32) {
        self.descriptor = descriptor
        hasSavedModes = tcgetattr(descriptor, savedModes) == 0
        for signal in handled {
            sigaction(signal, nil, previous + Int(signal))
        }
    }

    /// Installs the handlers; `leave` is what to write to leave full-screen mode.
    static func install(leave: [UInt8]) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: leave.count)
        _ = buffer.initialize(from: leave)
        leaveSequence = buffer
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = handleSignal
        #else
        action.__sigaction_u.__sa_handler = handleSignal
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for signal in handled {
            sigaction(signal, &action, nil)
        }
        active = true
    }

    /// Puts the previous handlers back (after a normal shutdown).
    static func uninstall() {
        guard active else { return }
        active = false
        for signal in handled {
            sigaction(signal, previous + Int(signal), nil)
        }
    }

    /// Puts back the terminal modes saved by `saveModes` (when starting failed half-way).
    static func restoreModes() {
        if hasSavedModes && descriptor >= 0 {
            _ = tcsetattr(descriptor, TCSAFLUSH, savedModes)
        }
    }

    /// Restores the terminal with async-signal-safe calls only: the modes first (dropping what
    /// was typed for the dashboard), then the sequence that leaves full-screen mode, so that
    /// once the screen is back, what is typed next reaches the shell.
    static func restoreNow() {
        restoreModes()
        if let base = leaveSequence.baseAddress, descriptor >= 0 {
            _ = write(descriptor, base, leaveSequence.count)
        }
    }

    static let handleSignal: @convention(c) (Int32) -> Void = { signal in
        guard TerminalRestorer.active else { return }
        TerminalRestorer.active = false
        TerminalRestorer.restoreNow()
        for other in TerminalRestorer.handled where other != signal {
            sigaction(other, TerminalRestorer.previous + Int(other), nil)
        }
        sigaction(signal, TerminalRestorer.previous + Int(signal), nil)
        // A fault repeats when the handler returns and meets the previous handler; other signals
        // are sent again (held until this handler returns).
        if signal == SIGINT || signal == SIGTERM || signal == SIGHUP || signal == SIGQUIT || signal == SIGABRT {
            raise(signal)
        }
    }
}
