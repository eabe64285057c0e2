import FoyerCore
import Hummingbird

/// `/health` and `/metrics`. (Owned by the API engineer.)
struct OperationsController {
    let dependencies: WebDependencies

    func register(on router: Router<FoyerRequestContext>) {}
}
