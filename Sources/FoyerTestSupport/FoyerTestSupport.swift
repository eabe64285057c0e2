// Shared test helpers live in the subfolders: Database, Web, Browser.
import FoyerCore
