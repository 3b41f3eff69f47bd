/// A one-line text input with a cursor and history: the `/` filter prompt.
///
/// Keys: characters insert; Backspace and Delete erase; ← → Home End (Ctrl-A, Ctrl-E) move;
/// Ctrl-U erases to the start, Ctrl-K to the end, Ctrl-W the word before the cursor; ↑ ↓ walk
/// the history; Enter submits (and remembers), Esc cancels.
public struct LineEditor: Hashable, Sendable {
    /// What a key did.
    public enum Outcome: Hashable, Sendable {
        /// The text or the cursor changed.
        case edited
        /// Enter: the text is done.
        case submitted(String)
        /// Esc: the input was abandoned.
        case cancelled
        /// The key means nothing here.
        case ignored
    }

    var characters: [Character]
    /// The cursor's position: the number of characters before it.
    public private(set) var cursor: Int
    /// Submitted texts, oldest first.
    public private(set) var history: [String]
    /// How many texts the history keeps.
    public var historyLimit: Int
    var historyPosition: Int?
    var draft: [Character] = []

    /// An editor holding `text` with the cursor at its end.
    public init(text: String = "", history: [String] = [], historyLimit: Int = 100) {
        self.characters = Array(text)
        self.cursor = characters.count
        self.history = history
        self.historyLimit = historyLimit
    }

    /// The text typed so far.
    public var text: String { String(characters) }

    /// Replaces the text and puts the cursor at its end.
    public mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
        historyPosition = nil
    }

    /// Applies one key.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
        case .left, .control("b"):
            guard cursor > 0 else { return .ignored }
            cursor -= 1
        case .right, .control("f"):
            guard cursor < characters.count else { return .ignored }
            cursor += 1
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = characters.count
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            characters.removeSubrange(cursor..<characters.count)
        case .control("w"):
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .up:
            return recall(older: true)
        case .down:
            return recall(older: false)
        case .enter:
            let submitted = text
            remember(submitted)
            historyPosition = nil
            return .submitted(submitted)
        case .escape:
            historyPosition = nil
            return .cancelled
        default:
            return .ignored
        }
        return .edited
    }

    mutating func recall(older: Bool) -> Outcome {
        guard !history.isEmpty else { return .ignored }
        let position: Int
        switch (historyPosition, older) {
        case (nil, true):
            draft = characters
            position = history.count - 1
        case (nil, false):
            return .ignored
        case (let current?, true):
            guard current > 0 else { return .ignored }
            position = current - 1
        case (let current?, false):
            guard current < history.count - 1 else {
                historyPosition = nil
                characters = draft
                cursor = characters.count
                return .edited
            }
            position = current + 1
        }
        historyPosition = position
        characters = Array(history[position])
        cursor = characters.count
        return .edited
    }

    mutating func remember(_ text: String) {
        guard !text.isEmpty, history.last != text else { return }
        history.append(text)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
    }
}
