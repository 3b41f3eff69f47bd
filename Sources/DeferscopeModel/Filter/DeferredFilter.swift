/// A parsed filter for the list views: clauses that must all hold. See `docs/filter.md`.
///
/// ```
/// fetch site:Network age>5s !state:running
/// label:"user profile" steps>=3 waits:#12
/// /retry-[0-9]+/
/// ```
public struct DeferredFilter: Sendable, Equatable {
    /// A comparison in `age>5s` or `steps<=3`.
    public enum Comparison: String, Sendable, Equatable {
        /// `<`
        case less = "<"
        /// `<=`
        case lessOrEqual = "<="
        /// `>`
        case greater = ">"
        /// `>=`
        case greaterOrEqual = ">="
        /// `=`
        case equal = "="

        func holds(_ value: UInt64, _ bound: UInt64) -> Bool {
            switch self {
            case .less: return value < bound
            case .lessOrEqual: return value <= bound
            case .greater: return value > bound
            case .greaterOrEqual: return value >= bound
            case .equal: return value == bound
            }
        }
    }

    /// One condition.
    public enum Atom: Sendable, Equatable {
        /// The label or the creation site contains the text (case-insensitive).
        case text(String)
        /// The label contains the text (case-insensitive).
        case label(String)
        /// The creation site (`fileID:line`) contains the text (case-insensitive).
        case site(String)
        /// The status is one of these.
        case state(Set<DeferredStatusKind>)
        /// The Deferred was released (and is kept for a while).
        case released
        /// Its age compares with this many nanoseconds.
        case age(Comparison, UInt64)
        /// Its step count compares with this number.
        case steps(Comparison, UInt64)
        /// It waits directly on this Deferred (a step returned it, or it feeds this one's result).
        case waits(UInt64)
        /// Its id is this (the id its process gave it).
        case id(UInt64)
        /// It belongs to the process with this pid.
        case pid(Int32)
        /// It belongs to a process whose name contains the text (case-insensitive).
        case process(String)
        /// The label or the creation site matches the regular expression.
        case regex(FilterPattern)
    }

    /// An atom, possibly negated with `!`.
    public struct Clause: Sendable, Equatable {
        /// Whether `!` precedes it.
        public var negated: Bool
        /// The condition.
        public var atom: Atom

        /// Creates a clause.
        public init(negated: Bool, atom: Atom) {
            self.negated = negated
            self.atom = atom
        }
    }

    /// The text it was parsed from.
    public let source: String
    /// The clauses; all must hold (an empty filter matches everything).
    public let clauses: [Clause]

    /// Parses `text`.
    ///
    /// - Throws: ``FilterParseError`` naming the position of the first problem.
    public init(parsing text: String) throws(FilterParseError) {
        var parser = FilterParser(text)
        self.clauses = try parser.parse()
        self.source = text
    }

    /// Whether `deferred` passes the filter in `model` (which knows sites, edges and the time).
    public func matches(_ deferred: TrackedDeferred, in model: DeferscopeModel) -> Bool {
        var matcher = matcher(for: model)
        return matcher.matches(deferred)
    }

    func matcher(for model: DeferscopeModel) -> FilterMatcher {
        FilterMatcher(filter: self, model: model)
    }
}

/// A compiled regular expression in a filter, compared by its pattern.
public final class FilterPattern: @unchecked Sendable, Equatable {
    /// The pattern as written between the slashes.
    public let pattern: String
    // Regex is not Sendable; it is only read, and matching does not mutate it.
    let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) throws {
        self.pattern = pattern
        self.regex = try Regex(pattern).ignoresCase()
    }

    /// Patterns are equal when their text is.
    public static func == (lhs: FilterPattern, rhs: FilterPattern) -> Bool {
        lhs.pattern == rhs.pattern
    }
}
