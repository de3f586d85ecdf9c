using Actors.ChaosApp;
using Actors.Node;

return await ActorsApplication.RunAsync(args, ChaosServices.All);
