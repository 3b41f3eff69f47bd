import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI

/// A known picture for the view tests, and helpers to draw views into grids.
enum Fixture {
    /// At 115 s: `#1 'fetch user'` and `#2 'fetch avatar'` pending since 100 s and 101 s
    /// (Network.swift:10), `#3 'query'` pending since 102 s with one step (Database.swift:20),
    /// `#4 'load'` failed with Boom at 103 s (Cache.swift:30). The first three are warned about:
    /// pending over 10 s with no timeout.
    static func model() -> DeferscopeModel {
        var model = Script.start()
        var script = Script()
        script.created(1, label: "fetch user", site: 1)
        script.advance(Script.second)
        script.created(2, label: "fetch avatar", site: 1)
        script.advance(Script.second)
        script.created(3, label: "query", site: 2)
        script.stepAdded(3, index: 0)
        script.advance(Script.second)
        script.created(4, label: "load", site: 3)
        script.fired(4, Script.failure)
        model.run(&script)
        model.advance(to: 115 * Script.second)
        return model
    }

    /// A theme whose roles are told apart by attributes and colours the tests name.
    static let theme = Theme.default

    /// `view` drawn alone into a `width` × `height` grid.
    static func render(
        _ view: inout some DashboardView,
        _ model: DeferscopeModel,
        width: Int = 100,
        height: Int = 30,
        theme: Theme = Fixture.theme
    ) -> CellGrid {
        var grid = CellGrid(width: width, height: height, style: theme[.text])
        view.render(into: &grid, in: grid.bounds, context: ViewContext(model: model, theme: theme))
        return grid
    }

    /// The context views get for `model`.
    static func context(_ model: DeferscopeModel, theme: Theme = Fixture.theme) -> ViewContext {
        ViewContext(model: model, theme: theme)
    }
}
