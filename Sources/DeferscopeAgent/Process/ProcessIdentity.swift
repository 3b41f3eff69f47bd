import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Who this process is, for the handshake.
struct ProcessIdentity: Sendable {
    let pid: Int32
    let name: String
    let executablePath: String
    let startTime: UInt64

    static func current() -> ProcessIdentity {
        let pid = getpid()
        let executable = Posix.readLink("/proc/self/exe") ?? CommandLine.arguments.first ?? ""
        let name =
            Posix.readText("/proc/self/comm")
            ?? String(executable.split(separator: "/").last ?? "")
        return ProcessIdentity(
            pid: pid,
            name: name,
            executablePath: executable,
            startTime: AgentDiscovery.processStartTime(pid) ?? Posix.wallClockNanoseconds()
        )
    }
}
