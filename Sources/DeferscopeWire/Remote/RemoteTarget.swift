/// A process on another machine, reached through a remote shell (`ssh`) that runs
/// `deferscope relay` there: SSH authenticates and encrypts, and no port of ours is opened.
///
/// Written `ssh://[user@]host[:port]/<pid>` or `ssh://[user@]host[:port]/<socket path>`.
public struct RemoteTarget: Sendable, Equatable, CustomStringConvertible {
    /// The login name, when given (`user@`).
    public var user: String?
    /// The host name or address.
    public var host: String
    /// The SSH port, when given (`:port`).
    public var port: Int?
    /// The process there: a pid, or an absolute socket path.
    public var process: String
    /// The command that runs a command on `host`: `ssh` unless told otherwise (for example
    /// `["ssh", "-i", "key"]`). It is called as `shellCommand + [options, destination, command]`.
    public var shellCommand: [String]
    /// The `deferscope` executable on the remote machine.
    public var remoteExecutable: String

    /// A target with the default shell (`ssh`) and remote executable (`deferscope`).
    public init(
        user: String? = nil,
        host: String,
        port: Int? = nil,
        process: String,
        shellCommand: [String] = ["ssh"],
        remoteExecutable: String = "deferscope"
    ) {
        self.user = user
        self.host = host
        self.port = port
        self.process = process
        self.shellCommand = shellCommand
        self.remoteExecutable = remoteExecutable
    }

    /// The URL scheme of remote targets.
    public static let scheme = "ssh://"

    /// Reads `ssh://[user@]host[:port]/<pid|path>`; with `requireProcess` false the process part
    /// may be missing (`ssh://host`, for `deferscope list`).
    ///
    /// - Throws: for anything else, saying what is wrong.
    public init(parsing text: String, requireProcess: Bool = true) throws(AgentSocketError) {
        guard text.hasPrefix(Self.scheme) else {
            throw AgentSocketError("\(text) is not an ssh:// address")
        }
        let rest = text.dropFirst(Self.scheme.count)
        let authority: Substring
        let process: String
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            // `ssh://host/1234` names a pid; `ssh://host/run/x.sock` an absolute path.
            process = Int32(path).map { _ in String(path) } ?? (path.isEmpty ? "" : "/" + path)
        } else {
            authority = rest
            process = ""
        }
        if process.isEmpty && requireProcess {
            throw AgentSocketError("\(text) names no process: write ssh://[user@]host/<pid>")
        }
        var hostPart = authority
        var user: String?
        if let at = authority.lastIndex(of: "@") {
            user = String(authority[..<at])
            hostPart = authority[authority.index(after: at)...]
        }
        var port: Int?
        if let colon = hostPart.lastIndex(of: ":"), !hostPart.hasPrefix("[") || hostPart[..<colon].hasSuffix("]") {
            guard let number = Int(hostPart[hostPart.index(after: colon)...]), (1...65535).contains(number) else {
                throw AgentSocketError("\(text) has a bad port: write ssh://host:22/<pid>")
            }
            port = number
            hostPart = hostPart[..<colon]
        }
        if hostPart.hasPrefix("[") && hostPart.hasSuffix("]") {
            hostPart = hostPart.dropFirst().dropLast()
        }
        guard !hostPart.isEmpty, user.map({ !$0.isEmpty }) ?? true else {
            throw AgentSocketError("\(text) names no host: write ssh://[user@]host/<pid>")
        }
        // A host or user starting with `-` would be read by ssh as an option.
        guard !hostPart.hasPrefix("-"), !(user?.hasPrefix("-") ?? false) else {
            throw AgentSocketError("\(text): a host or user may not start with '-'")
        }
        self.init(user: user, host: String(hostPart), port: port, process: process)
    }

    /// `user@host` as ssh takes it.
    public var destination: String {
        user.map { "\($0)@\(host)" } ?? host
    }

    /// The remote shell's command line that runs `deferscope` with `arguments` on the host.
    ///
    /// The remote command is one string that the remote user's shell parses, so each argument
    /// is quoted for a POSIX shell.
    public func commandLine(running arguments: [String]) -> [String] {
        var line = shellCommand
        if let port {
            line += ["-p", String(port)]
        }
        // -T: no terminal on the far side, so every byte passes through unchanged.
        line += ["-T", destination]
        line.append(([remoteExecutable] + arguments).map(Self.shellQuoted).joined(separator: " "))
        return line
    }

    /// `ssh://user@host:port/process`.
    public var description: String {
        var text = Self.scheme + (user.map { "\($0)@" } ?? "") + (host.contains(":") ? "[\(host)]" : host)
        if let port {
            text += ":\(port)"
        }
        guard !process.isEmpty else { return text }
        return text + (process.hasPrefix("/") ? process : "/" + process)
    }

    /// `text` as one word for a POSIX shell: unchanged when it is plainly safe, else in single
    /// quotes with each `'` written as `'\''`.
    static func shellQuoted(_ text: String) -> String {
        let safe =
            !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default:
                    return "-_./=:@%+,".utf8.contains(byte)
                }
            }
        guard !safe else { return text }
        return "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target {
                result += replacement
            } else {
                result.append(character)
            }
        }
        return result
    }
}
