/* A stand-in for Windows 10's bcryptprimitives.dll, for Wine 8.0 only
 * (.ci/wine-test.sh puts it into a private WINEPREFIX): Go 1.24+ binaries
 * load ProcessPrng from it at start-up and Debian 12's Wine lacks it.
 * Never shipped. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
