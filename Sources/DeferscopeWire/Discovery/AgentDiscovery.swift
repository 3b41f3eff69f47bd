#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An attachable process found in the socket directory.
public struct AgentListing: Sendable, Equatable {
    /// The process.
    public var pid: Int32
    /// Its socket.
    public var socketPath: String
    /// Its name (`/proc/<pid>/comm`), when readable.
    public var processName: String?
    /// Its executable, when readable.
    public var executablePath: String?
    /// How long it has been running, in seconds, when readable.
    public var uptime: Double?

    /// Creates a listing.
    public init(pid: Int32, socketPath: String, processName: String?, executablePath: String?, uptime: Double?) {
        self.pid = pid
        self.socketPath = socketPath
        self.processName = processName
        self.executablePath = executablePath
        self.uptime = uptime
    }
}

/// Finding agents: the sockets in the directory, whose processes are alive.
public enum AgentDiscovery {
    /// The attachable processes in `directory`, by pid. With `removeStale`, sockets whose process
    /// is gone are deleted (they are left behind when a process is killed).
    public static func list(
        directory: String = AgentSocketLocation.defaultDirectory(),
        removeStale: Bool = true
    ) -> [AgentListing] {
        guard (try? AgentSocketLocation.checkDirectory(directory)) != nil, let handle = opendir(directory) else {
            return []
        }
        defer { closedir(handle) }
        var listings: [AgentListing] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".sock"), let pid = Int32(name.dropLast(5)), pid > 0 else { continue }
            let path = directory + "/" + name
            guard Posix.processExists(pid) else {
                if removeStale, (try? AgentSocketLocation.checkSocketPath(path)) != nil {
                    unlink(path)
                }
                continue
            }
            listings.append(describe(pid: pid, socketPath: path))
        }
        return listings.sorted { $0.pid < $1.pid }
    }

    /// What `/proc` says about process `pid`.
    public static func describe(pid: Int32, socketPath: String) -> AgentListing {
        AgentListing(
            pid: pid,
            socketPath: socketPath,
            processName: Posix.readText("/proc/\(pid)/comm"),
            executablePath: Posix.readLink("/proc/\(pid)/exe"),
            uptime: uptime(of: pid)
        )
    }

    /// Seconds since process `pid` started, from `/proc/<pid>/stat` and `/proc/uptime`.
    public static func uptime(of pid: Int32) -> Double? {
        guard let startTicks = processStartTicks(pid),
            let uptimeText = Posix.readText("/proc/uptime"),
            let systemUptime = Double(uptimeText.split(separator: " ").first ?? "")
        else { return nil }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return max(0, systemUptime - Double(startTicks) / ticksPerSecond)
    }

    /// Field 22 of `/proc/<pid>/stat`: when the process started, in clock ticks since boot.
    static func processStartTicks(_ pid: Int32) -> UInt64? {
        guard let stat = Posix.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces and parentheses) start at field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// When process `pid` started, in nanoseconds since 1970, from `/proc`.
    public static func processStartTime(_ pid: Int32) -> UInt64? {
        guard let startTicks = processStartTicks(pid), let stat = Posix.readText("/proc/stat") else { return nil }
        guard let bootLine = stat.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
            let bootSeconds = UInt64(bootLine.dropFirst(6))
        else { return nil }
        let ticksPerSecond = UInt64(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0 else { return nil }
        return (bootSeconds * 1_000_000_000) + startTicks * (1_000_000_000 / ticksPerSecond)
    }

    /// The socket for `target`: a path (anything with a `/`) is used as it is; a number is a pid
    /// in `directory`.
    public static func socketPath(
        for target: String,
        directory: String = AgentSocketLocation.defaultDirectory()
    ) throws(AgentSocketError) -> String {
        if target.contains("/") {
            return target
        }
        guard let pid = Int32(target), pid > 0 else {
            throw AgentSocketError("\(target) is neither a process id nor a socket path")
        }
        // A directory others could write to may hold a socket or link planted by them.
        var directoryInfo = stat()
        if lstat(directory, &directoryInfo) == 0 {
            try AgentSocketLocation.checkDirectory(directory)
        }
        let path = AgentSocketLocation.socketPath(pid: pid, in: directory)
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if Posix.processExists(pid) {
                throw AgentSocketError(
                    "process \(pid) has no deferscope socket at \(path); does it call `DeferscopeAgent.start()`? "
                        + "(if it set DEFERSCOPE_SOCKET, pass that path instead)"
                )
            }
            throw AgentSocketError("no process \(pid) is running; `deferscope list` shows the attachable ones")
        }
        return path
    }
}
