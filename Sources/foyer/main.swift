import FoyerApp
await FoyerCommand.main()
