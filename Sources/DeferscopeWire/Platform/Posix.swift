#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: what was attempted, on what, and the system's reason.
public struct PosixError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was attempted (`connect`, `bind`, ...).
    public let operation: String
    /// What it was attempted on (a path), if anything.
    public let subject: String
    /// `errno`.
    public let code: Int32

    /// Creates the error from `errno` now.
    public init(_ operation: String, _ subject: String = "", code: Int32 = errno) {
        self.operation = operation
        self.subject = subject
        self.code = code
    }

    /// `connect /tmp/x.sock: No such file or directory`.
    public var description: String {
        let reason = String(cString: strerror(code))
        return subject.isEmpty ? "\(operation): \(reason)" : "\(operation) \(subject): \(reason)"
    }
}

/// Small POSIX helpers shared by the agent and the client.
public enum Posix {
    /// The real user id of this process.
    public static var userID: UInt32 { UInt32(getuid()) }

    /// The whole content of a small file (`/proc/...`), or nil.
    public static func readFile(_ path: String, limit: Int = 1 << 16) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// A small text file, without its trailing newline, or nil.
    public static func readText(_ path: String) -> String? {
        guard let bytes = readFile(path) else { return nil }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last == "\n" {
            text.removeLast()
        }
        return text
    }

    /// Where a symbolic link points, or nil.
    public static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether process `pid` exists (it may belong to another user).
    public static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// The value of an environment variable, or nil when unset or empty.
    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The wall clock, in nanoseconds since 1970.
    public static func wallClockNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// The monotonic clock, in nanoseconds (the clock event timestamps use).
    public static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}

extension Posix {
    /// Sleeps the calling thread (the client's; never an app thread).
    public static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}
