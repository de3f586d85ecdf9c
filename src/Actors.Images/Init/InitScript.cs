namespace Actors.Images;

/// <summary>The image's init (PID 1, a busybox shell script) and its power-button action.</summary>
/// <remarks>The init mounts the two read-only layers (runtime first, then service; <c>vda</c>/<c>vdb</c> under QEMU,
/// <c>xvda</c>/<c>xvdb</c> under Xen), brings up the network from <c>ACTORS_NET_ADDRESS</c> (CIDR) and
/// <c>ACTORS_NET_GATEWAY</c>, runs the node host for <c>ACTORS_SERVICE</c>, and when it exits prints
/// <c>ACTORS-EXIT code</c> on the console and powers off (code 0) or dies (any other code), which panics the
/// kernel into a reset that the driver reports as a crash. The ACPI power button sends the node SIGTERM, so a
/// graceful shutdown goes through the node's coordinated shutdown. <c>KEY=VAL</c> words on the kernel command
/// line arrive here as environment variables.</remarks>
public static class InitScript
{
    /// <summary>Modules under <c>/lib/modules/VERSION/kernel</c> the init loads, in dependency order: the power
    /// button's input device; virtio-mmio (found through microvm's ACPI), its block and network devices; Xen's block
    /// and network front ends (the same image boots as a Xen PVH guest); squashfs for the layers.</summary>
    public static readonly string[] Modules =
    [
        "drivers/input/evdev", "drivers/acpi/button",
        "drivers/virtio/virtio_ring", "drivers/virtio/virtio", "drivers/virtio/virtio_mmio",
        "net/core/failover", "drivers/net/net_failover", "drivers/net/virtio_net", "drivers/block/virtio_blk",
        "drivers/block/xen-blkfront", "drivers/net/xen-netfront",
        "fs/squashfs/squashfs",
    ];

    /// <summary>Where the init mounts the runtime layer in the guest.</summary>
    public const string RuntimeMount = "/actors/runtime";

    /// <summary>Where the init mounts the service layer in the guest.</summary>
    public const string ServiceMount = "/actors/service";

    /// <summary>PID 1.</summary>
    public const string Init = """
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        export PATH=/bin HOME=/
        mount -t proc proc /proc
        mount -t sysfs sys /sys
        mount -t devtmpfs dev /dev
        for m in $(cat /lib/modules/order); do insmod /lib/modules/$m.ko 2>/dev/null; done
        disks=$(cd /sys/block && ls -d vd? xvd? 2>/dev/null)
        set -- $disks
        if [ $# -lt 2 ]; then echo "ACTORS-INIT-FAILED expected two read-only disks (runtime, service), found: $disks"; exit 1; fi
        mount -t squashfs -o ro /dev/$1 /actors/runtime || { echo "ACTORS-INIT-FAILED cannot mount the runtime layer /dev/$1"; exit 1; }
        mount -t squashfs -o ro /dev/$2 /actors/service || { echo "ACTORS-INIT-FAILED cannot mount the service layer /dev/$2"; exit 1; }
        if touch /actors/runtime/.w /actors/service/.w 2>/dev/null; then echo "ACTORS-LAYERS-WRITABLE"; else echo "ACTORS-LAYERS-READ-ONLY"; fi
        ip link set lo up
        if [ -n "${ACTORS_NET_ADDRESS:-}" ]; then
          ip link set eth0 up && ip addr add "$ACTORS_NET_ADDRESS" dev eth0
          [ -n "${ACTORS_NET_GATEWAY:-}" ] && ip route add default via "$ACTORS_NET_GATEWAY"
        fi
        acpid -c /etc/acpi -l /dev/console
        export LD_LIBRARY_PATH=/actors/runtime/lib ACTORS_SERVICE_DIR=/actors/service
        export DOTNET_EnableWriteXorExecute=0 DOTNET_TieredPGO=0 DOTNET_CLI_TELEMETRY_OPTOUT=1
        echo "ACTORS-INIT service=${ACTORS_SERVICE:-} disks=$disks"
        /actors/runtime/app/Actors.NodeHost --events json &
        echo $! > /run/node.pid
        wait $!
        code=$?
        echo "ACTORS-EXIT $code"
        [ "$code" -eq 0 ] && poweroff -f
        exit "$code"

        """;

    /// <summary>Run by acpid on the ACPI power button: ask the node to stop; the init powers off after it.</summary>
    public const string PowerButton = """
        #!/bin/sh
        pid=$(cat /run/node.pid 2>/dev/null)
        if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then exit 0; fi
        poweroff -f

        """;
}
