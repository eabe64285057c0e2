import FoyerCore
import Hummingbird

/// Server-rendered HTML pages. (Owned by the pages engineer.)
struct PagesController {
    let dependencies: WebDependencies

    func register(on router: Router<FoyerRequestContext>) {}
}
