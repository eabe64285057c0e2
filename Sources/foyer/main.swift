import FoyerApp

await EntryPoint.run()
