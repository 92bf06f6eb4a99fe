/* cmd_analyze.c: being written */
#include "cli.h"
int cmd_analyze(int argc, char **argv) { (void)argc; (void)argv; return 1; }
