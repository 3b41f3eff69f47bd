import DeferscopeModel

/// The part of a `DeferredFilter` that can speak about a creation site: free text, `site:` and
/// `/regex/` clauses (negated or not) match the site's `fileID:line`, ignoring case. Clauses about
/// single Deferreds (`label:`, `state:`, `age>`, …) say nothing about a site and are ignored.
struct SiteNameFilter {
    private enum Test {
        case contains(String)
        case matches(Regex<AnyRegexOutput>)
    }

    private let tests: [(negated: Bool, test: Test)]

    init(_ filter: DeferredFilter) {
        tests = filter.clauses.compactMap { clause in
            switch clause.atom {
            case .text(let text), .site(let text):
                return (clause.negated, .contains(text.lowercased()))
            case .regex(let pattern):
                guard let regex = try? Regex(pattern.pattern).ignoresCase() else { return nil }
                return (clause.negated, .matches(regex))
            default:
                return nil
            }
        }
    }

    /// Whether the site called `name` passes every site clause.
    func matches(_ name: String) -> Bool {
        let lowered = name.lowercased()
        for (negated, test) in tests {
            let holds: Bool
            switch test {
            case .contains(let needle): holds = needle.isEmpty || lowered.contains(needle)
            case .matches(let regex): holds = name.contains(regex)
            }
            if holds == negated { return false }
        }
        return true
    }
}
