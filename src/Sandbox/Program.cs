// Placeholder entry point of the scaffold; replaced by the feature work.
Console.Error.WriteLine("not built yet");
return 1;
