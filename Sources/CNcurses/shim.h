// The C side of DeferscopeTerminal: ncursesw with wide characters, and small functions for what
// Swift cannot import (function-like macros, wrapped global variables).
#ifndef DEFERSCOPE_CNCURSES_SHIM_H
#define DEFERSCOPE_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

// Wrapped globals (macros over functions in ncurses 6).
static inline WINDOW *ds_stdscr(void) { return stdscr; }
static inline int ds_colors(void) { return COLORS; }
static inline int ds_color_pairs(void) { return COLOR_PAIRS; }
static inline int ds_lines(void) { return LINES; }
static inline int ds_cols(void) { return COLS; }
static inline void ds_getmaxyx(WINDOW *window, int *rows, int *columns) {
    int y, x;
    getmaxyx(window, y, x);
    *rows = y;
    *columns = x;
}

// Attributes (NCURSES_BITS macros).
static inline attr_t ds_a_normal(void) { return A_NORMAL; }
static inline attr_t ds_a_bold(void) { return A_BOLD; }
static inline attr_t ds_a_dim(void) { return A_DIM; }
static inline attr_t ds_a_italic(void) { return A_ITALIC; }
static inline attr_t ds_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ds_a_reverse(void) { return A_REVERSE; }
static inline attr_t ds_color_pair(int pair) { return COLOR_PAIR(pair); }

// Keys and mouse.
static inline int ds_key_f(int n) { return KEY_F(n); }
static inline mmask_t ds_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t ds_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t ds_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t ds_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t ds_button2_clicked(void) { return BUTTON2_CLICKED; }
static inline mmask_t ds_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t ds_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t ds_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t ds_button5_pressed(void) { return 0; }
#endif

// A cell with an extended colour pair (pair numbers above 32767 go through the opts pointer).
static inline int ds_setcchar(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair) {
    return setcchar(cell, text, attributes, 0, &pair);
}

#endif
