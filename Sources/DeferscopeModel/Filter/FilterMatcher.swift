/// A filter bound to a model for one pass over a list: text is pre-lowered, and every question
/// about a creation site is answered once per site, not once per row.
struct FilterMatcher {
    private let clauses: [DeferredFilter.Clause]
    private let needles: [[UInt8]]
    /// `state:` clauses as bit masks of status kinds (a set lookup per row would hash).
    private let stateMasks: [UInt8]
    private let model: DeferscopeModel
    /// Per clause, per site id: 0 not asked yet, 1 no, 2 yes.
    private var siteAnswers: [[UInt8]]
    /// Regular expressions are slow (microseconds a match) and labels repeat: answers by label,
    /// up to `labelMemoLimit` labels per clause.
    private var labelAnswers: [[String: Bool]]
    static let labelMemoLimit = 65_536

    init(filter: DeferredFilter, model: DeferscopeModel) {
        clauses = filter.clauses
        needles = filter.clauses.map { clause in
            switch clause.atom {
            case .text(let text), .label(let text), .site(let text), .process(let text):
                return Array(text.utf8).map(Self.lower)
            default: return []
            }
        }
        stateMasks = filter.clauses.map { clause in
            guard case .state(let kinds) = clause.atom else { return 0 }
            return kinds.reduce(0) { $0 | UInt8(1) << $1.rawValue }
        }
        self.model = model
        siteAnswers = Array(repeating: [], count: filter.clauses.count)
        labelAnswers = Array(repeating: [:], count: filter.clauses.count)
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
        case .state:
            return !chain.isReleased && stateMasks[index] & (1 << chain.status.kind.rawValue) != 0
        case .released:
            return chain.isReleased
        case .age(let comparison, let bound):
            return comparison.holds(chain.age(at: model.now), bound)
        case .steps(let comparison, let bound):
            return comparison.holds(UInt64(chain.stepCount), bound)
        case .waits(let other):
            // Ids as their process gave them: in a picture of several, waits never cross processes.
            return model.waitsOn(chain.id).contains { model.localID($0) == other }
        case .id(let id):
            return model.localID(chain.id) == id
        case .pid(let pid):
            return (model.processHello(of: chain.id) ?? model.hello)?.pid == pid
        case .process:
            guard let name = (model.processHello(of: chain.id) ?? model.hello)?.processName else { return false }
            return Self.contains(name, needles[index])
        case .regex(let pattern):
            if let label = chain.label {
                if let known = labelAnswers[index][label] {
                    if known { return true }
                } else {
                    let answer = label.contains(pattern.regex)
                    if labelAnswers[index].count < Self.labelMemoLimit { labelAnswers[index][label] = answer }
                    if answer { return true }
                }
            }
            return siteAnswer(index, chain.siteID)
        }
    }

    private mutating func siteAnswer(_ index: Int, _ siteID: UInt32) -> Bool {
        let site = Int(min(siteID, 1 << 20))
        if site < siteAnswers[index].count, siteAnswers[index][site] != 0 { return siteAnswers[index][site] == 2 }
        let name = model.siteName(siteID)
        let answer: Bool
        switch clauses[index].atom {
        case .regex(let pattern): answer = name.contains(pattern.regex)
        default: answer = Self.contains(name, needles[index])
        }
        if site >= siteAnswers[index].count {
            siteAnswers[index].append(contentsOf: repeatElement(0, count: site + 1 - siteAnswers[index].count))
        }
        siteAnswers[index][site] = answer ? 2 : 1
        return answer
    }

    // MARK: - Text

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    /// Whether `haystack` contains `needle` (already lowered), ignoring ASCII case.
    static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        let found = haystack.utf8.withContiguousStorageIfAvailable { bytes in
            search(bytes, needle)
        }
        if let found { return found }
        var copy = haystack
        return copy.withUTF8 { search($0, needle) }
    }

    private static func search(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
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
