/// Why a theme file was refused: every problem found, each with its line.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One problem on one line.
    public struct Problem: Hashable, Sendable {
        /// The 1-based line number (0 when the problem is the whole file).
        public var line: Int
        /// What is wrong there, and what would be right.
        public var message: String

        /// A problem on `line`.
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Where the theme came from (a path or a bundled theme's name).
    public var source: String
    /// The problems, in line order.
    public var problems: [Problem]

    /// An error for `source` with `problems`.
    public init(source: String, problems: [Problem]) {
        self.source = source
        self.problems = problems
    }

    /// `source:line: message` lines, as compilers print them (at most 10, then a count).
    public var description: String {
        let shown = problems.prefix(10).map { problem in
            problem.line > 0 ? "\(source):\(problem.line): \(problem.message)" : "\(source): \(problem.message)"
        }
        let rest = problems.count > 10 ? ["\(source): \(problems.count - 10) more problems"] : []
        return (shown + rest).joined(separator: "\n")
    }
}
