// Types of the simulated CCE host (test code): the shapes Windows modules return, so probes meet enums,
// [datetime]s and typed objects as on a real host. Compiled once per pwsh process by enter-sim.ps1.
using System;

namespace Microsoft.HyperV.PowerShell
{
    public enum VMState { Other = 1, Running = 2, Off = 3, Stopping = 4, Saved = 6, Paused = 9, Starting = 10, Reset = 11, Saving = 32773, Pausing = 32776, Resuming = 32777, FastSaved = 32779, FastSaving = 32780 }
    public enum VMSwitchType { Private = 0, Internal = 1, External = 2 }

    public class VirtualMachine
    {
        public string Name { get; set; }
        public string VMName { get { return Name; } }
        public Guid VMId { get; set; }
        public VMState State { get; set; }
        public override string ToString() { return "VirtualMachine (Name = '" + Name + "')"; }
    }

    public class VMNetworkAdapter
    {
        public string Name { get; set; }
        public string VMName { get; set; }
        public string SwitchName { get; set; }
        public string MacAddress { get; set; }
        public string[] IPAddresses { get; set; }
        public bool IsManagementOs { get; set; }
    }

    public class VMSwitch
    {
        public string Name { get; set; }
        public VMSwitchType SwitchType { get; set; }
    }
}

namespace Microsoft.Dism.Commands
{
    public enum MountStatus { Ok = 0, NeedsRemount = 1, Invalid = 2 }

    public class MountedImageInfoObject
    {
        public string Path { get; set; }
        public string ImagePath { get; set; }
        public uint ImageIndex { get; set; }
        public MountStatus MountStatus { get; set; }
    }
}

namespace CcdSim
{
    /// <summary>What [ADSI]'WinNT://HOST/USER,user' gives: PasswordAge in seconds, as a property value collection.
    /// Accounts are keyed "AUTHORITY/USER": the computer for a local account, the domain for a domain account
    /// (WinNT://<computer>/<user> does not find a domain account, and finds a local namesake).</summary>
    public class WinNTUser
    {
        public static System.Collections.Generic.Dictionary<string, double> PasswordAges = new System.Collections.Generic.Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        public WinNTUser(string path)
        {
            string rest = path.StartsWith("WinNT://", StringComparison.OrdinalIgnoreCase) ? path.Substring(8) : path;
            int comma = rest.IndexOf(',');
            if (comma >= 0) rest = rest.Substring(0, comma);
            string[] parts = rest.Split('/');
            string key = parts.Length >= 2 ? parts[parts.Length - 2] + "/" + parts[parts.Length - 1] : rest;
            double age;
            if (!PasswordAges.TryGetValue(key, out age)) throw new System.Runtime.InteropServices.COMException("The user name could not be found.", unchecked((int)0x800708AD));
            PasswordAge = new ValueHolder { Value = age };
        }
        public ValueHolder PasswordAge { get; private set; }
    }

    public class ValueHolder { public object Value { get; set; } }

    /// <summary>CryptographicException with the HResult Windows gives for a DPAPI blob of another user or machine.</summary>
    public static class Errors
    {
        public static Exception KeyNotValid(string message)
        {
            var e = new System.Security.Cryptography.CryptographicException(message);
            e.HResult = unchecked((int)0x8009000B);
            return e;
        }
    }
}
