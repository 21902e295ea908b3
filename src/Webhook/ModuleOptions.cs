using System.Runtime.CompilerServices;

// The admission path formats its messages, escapes its warnings and writes its patch paths in stack buffers of a
// kilobyte or so, of which it reads back only what it wrote. Without this, every such buffer is zeroed first, on every
// admission; each use of stackalloc in this assembly must keep reading only what it wrote.
[module: SkipLocalsInit]
