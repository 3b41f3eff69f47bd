/// A filter bound to a model for one pass over a list: text is pre-lowered, and every question
/// about a creation site is answered once per site, not once per row.
struct FilterMatcher {
    private let clauses: [DeferredFilter.Clause]
    private let needles: [[UInt8]]
    private let model: DeferscopeModel
    private var siteAnswers: [[UInt32: Bool]]

    init(filter: DeferredFilter, model: DeferscopeModel) {
        clauses = filter.clauses
        needles = filter.clauses.map { clause in
            switch clause.atom {
            case .text(let text), .label(let text), .site(let text): return Array(text.utf8).map(Self.lower)
            default: return []
            }
        }
        self.model = model
        siteAnswers = Array(repeating: [:], count: filter.clauses.count)
    }

    mutating func matches(_ chain: TrackedDeferred) -> Bool {
        for index in clauses.indices where holds(index, chain) == clauses[index].negated {
            return false
        }
        return true
    }

    private mutating func holds(_ index: Int, _ chain: TrackedDeferred) -> Bool {
        switch clauses[index].atom {
        case .text:
            if let label = chain.label, Self.contains(label, needles[index]) { return true }
            return siteAnswer(index, chain.siteID)
        case .label:
            guard let label = chain.label else { return needles[index].isEmpty }
            return Self.contains(label, needles[index])
        case .site:
            return siteAnswer(index, chain.siteID)
        case .state(let kinds):
            return !chain.isReleased && kinds.contains(chain.status.kind)
        case .released:
            return chain.isReleased
        case .age(let comparison, let bound):
            return comparison.holds(chain.age(at: model.now), bound)
        case .steps(let comparison, let bound):
            return comparison.holds(UInt64(chain.stepCount), bound)
        case .waits(let other):
            return model.waitsOn(chain.id).contains(other)
        case .id(let id):
            return chain.id == id
        case .regex(let pattern):
            if let label = chain.label, label.contains(pattern.regex) { return true }
            return siteAnswer(index, chain.siteID)
        }
    }

    private mutating func siteAnswer(_ index: Int, _ siteID: UInt32) -> Bool {
        if let known = siteAnswers[index][siteID] { return known }
        let name = model.siteName(siteID)
        let answer: Bool
        switch clauses[index].atom {
        case .regex(let pattern): answer = name.contains(pattern.regex)
        default: answer = Self.contains(name, needles[index])
        }
        siteAnswers[index][siteID] = answer
        return answer
    }

    // MARK: - Text

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    /// Whether `haystack` contains `needle` (already lowered), ignoring ASCII case.
    static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        var haystack = haystack
        return haystack.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            let first = needle[0]
            var start = 0
            let last = bytes.count - needle.count
            while start <= last {
                if lower(bytes[start]) == first {
                    var offset = 1
                    while offset < needle.count, lower(bytes[start + offset]) == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }
}
