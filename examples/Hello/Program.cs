using Actors.Node;
using Hello;

return await ActorsApplication.RunAsync(args, HelloServices.All);
