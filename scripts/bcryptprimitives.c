/* Test-only stand-in for Windows 10's bcryptprimitives.dll, for Wine 8, which lacks it.
 * Rust's std (1.78+) takes its random seeds from ProcessPrng there; this forwards to
 * BCryptGenRandom, which Wine has. Never shipped: scripts/test-windows.sh puts it in a
 * throwaway wine prefix. Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll
 * bcryptprimitives.c -lbcrypt */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x7FFFFFFF ? 0x7FFFFFFF : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
