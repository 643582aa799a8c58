// The core types the runner builds on (JSON DOM, ASL reader, model). One place to change when they move.
global using Flowstate.Core.Asl;
global using Flowstate.Core.Json;
global using Flowstate.Core.Model;
global using JsonValue = Flowstate.Core.Json.JsonValue;
