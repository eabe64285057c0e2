import FoyerCore
import Hummingbird

/// The JSON API under `/api/v1`. (Owned by the API engineer.)
struct APIController {
    let dependencies: WebDependencies

    func register(on group: RouterGroup<FoyerRequestContext>) {}
}
