/// The guides in front of a row of an htop-style tree (`│  ├─ `).
public enum TreeGuide {
    /// The prefix for a node: for each ancestor below the root, whether it has a later sibling
    /// (its line passes by, `│`), then `├─` or, for the last child, `└─`. Roots get no prefix.
    public static func prefix(
        ancestorsHaveLaterSiblings: [Bool],
        isLast: Bool,
        isRoot: Bool = false,
        glyphs: Glyphs = .unicode
    )
        -> String
    {
        guard !isRoot else { return "" }
        var text = ""
        for passesBy in ancestorsHaveLaterSiblings {
            text += passesBy ? glyphs.treeVertical : glyphs.treeBlank
        }
        return text + (isLast ? glyphs.treeLast : glyphs.treeBranch)
    }
}
